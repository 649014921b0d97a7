using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CircularPlatform.Contracts.IntegrationEvents;
using CircularPlatform.TestSupport;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CircularPlatform.Events.Tests;

/// <summary>The same API behaviour whichever database the service runs on.</summary>
public abstract class EventsApiTests : IAsyncLifetime
{
    private FakeAuthority _authority = null!;
    private ServiceFactory<Program> _factory = null!;
    /// <summary>An organiser's: scheduling events is theirs.</summary>
    private HttpClient _client = null!;

    /// <summary>The connection string of a fresh database, or null for the default SQLite file.</summary>
    protected abstract Task<string?> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        _authority = await FakeAuthority.StartAsync();
        _factory = new ServiceFactory<Program>("eventsdb", await CreateDatabaseAsync());
        _factory.Settings["Identity:Authority"] = _authority.Url;
        _client = Client("organiser");
        await _factory.Harness.Start();
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _authority.DisposeAsync();
    }

    private HttpClient Client(string? role) => role is null ? _factory.CreateClient() : As(_authority.Token(role));

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("member", HttpStatusCode.Forbidden)]
    [InlineData("admin", HttpStatusCode.Created)]
    public async Task Only_organisers_and_admins_schedule_events_and_nothing_is_stored_otherwise(string? role, HttpStatusCode expected)
    {
        using var client = Client(role);

        var response = await client.PostAsync("/api/events", Json(RoundTable));

        Assert.Equal(expected, response.StatusCode);
        var listed = await Client(null).GetFromJsonAsync<JsonElement>("/api/events");
        Assert.Equal(expected == HttpStatusCode.Created ? 1 : 0, listed.GetProperty("total").GetInt32());
        if (expected != HttpStatusCode.Created)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    private const string RoundTable = """
        {"title":{"fr":"Réemploi des matériaux","en":"Reuse of building materials"},
         "kind":"round-table","themes":["building-materials"],"startsAt":"2030-12-03T09:00:00+01:00",
         "endsAt":"2030-12-03T12:00:00+01:00","municipality":"Liévin","capacity":80}
        """;

    [Fact]
    public async Task Scheduling_the_documented_round_table_answers_201_with_the_event_and_announces_it()
    {
        var response = await _client.PostAsync("/api/events", Json(RoundTable));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetGuid();
        Assert.Equal($"/api/events/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("Réemploi des matériaux", body.GetProperty("title").GetProperty("fr").GetString());
        Assert.Equal("round-table", body.GetProperty("kind").GetString());
        Assert.Equal("Liévin", body.GetProperty("municipality").GetString());
        Assert.Equal(80, body.GetProperty("capacity").GetInt32());
        Assert.Equal("scheduled", body.GetProperty("status").GetString());
        Assert.Equal(new DateTimeOffset(2030, 12, 3, 8, 0, 0, TimeSpan.Zero), body.GetProperty("startsAt").GetDateTimeOffset());

        // Waits for the outbox relay's publish itself: the harness's Any gives up when the bus is idle a moment.
        var published = Assert.IsType<EventScheduled>(await _factory.Harness.PublishedAsync<EventScheduled>(m => m.EventId == id));
        Assert.Equal("Reuse of building materials", published.Title.En);
        Assert.Equal(["building-materials"], published.Themes);
        Assert.Equal(new DateTimeOffset(2030, 12, 3, 11, 0, 0, TimeSpan.Zero), published.EndsAt);

        var fetched = await _client.GetFromJsonAsync<JsonElement>($"/api/events/{id}");
        Assert.Equal(id, fetched.GetProperty("id").GetGuid());
    }

    [Theory]
    [InlineData("lievin", "Liévin")]
    [InlineData("BULLY LES MINES", "Bully-les-Mines")]
    [InlineData("eleu-dit-leauwette", "Éleu-dit-Leauwette")]
    public async Task The_municipality_is_recognised_whatever_the_case_and_accents(string typed, string official)
    {
        var response = await _client.PostAsync("/api/events", Json(RoundTable.Replace("\"Liévin\"", $"\"{typed}\"")));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(official, body.GetProperty("municipality").GetString());
    }

    [Fact]
    public async Task Invalid_events_are_refused_with_every_field_named()
    {
        var response = await _client.PostAsync("/api/events", Json("""
            {"title":{"fr":" "},"kind":"party","themes":["building-materials","gardening"],
             "startsAt":"2030-12-03T12:00:00+01:00","endsAt":"2030-12-03T09:00:00+01:00",
             "municipality":"Paris","capacity":0}
            """));

        var errors = await ValidationErrorsOf(response);
        Assert.Equal(["capacity", "endsAt", "kind", "municipality", "themes[1]", "title.fr"], errors.Keys.Order());
        Assert.False(await _factory.Harness.Published.Any<EventScheduled>());
    }

    [Fact]
    public async Task A_missing_body_field_is_named()
    {
        var errors = await ValidationErrorsOf(await _client.PostAsync("/api/events", Json("{}")));

        Assert.Contains("title.fr", errors.Keys);
        Assert.Contains("startsAt", errors.Keys);
        Assert.Contains("themes", errors.Keys);
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_is_named_without_internals()
    {
        var response = await _client.PostAsync("/api/events", Json(RoundTable.Replace("\"2030-12-03T09:00:00+01:00\"", "\"next tuesday\"")));

        var errors = await ValidationErrorsOf(response);
        Assert.Equal(["startsAt"], errors.Keys);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("System.", text);
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem()
    {
        var response = await _client.PostAsync("/api/events", Json("{\"title\": "));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_unknown_event_is_a_404_problem()
    {
        var response = await _client.GetAsync($"/api/events/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_calendar_filters_by_theme_municipality_kind_dates_and_text_in_pages()
    {
        await Schedule("Compostage collectif", "workshop", "bio-waste", "Lens", "2031-01-10T09:00:00+01:00");
        await Schedule("Visite du site de tri", "site-visit", "electronic-boards", "Harnes", "2031-02-10T09:00:00+01:00");
        await Schedule("Biodéchets en restauration", "conference", "bio-waste", "Harnes", "2031-03-10T09:00:00+01:00");

        Assert.Equal(["Compostage collectif", "Biodéchets en restauration"], await Titles("/api/events?theme=bio-waste"));
        Assert.Equal(["Visite du site de tri", "Biodéchets en restauration"], await Titles("/api/events?municipality=harnes"));
        Assert.Equal(["Visite du site de tri"], await Titles("/api/events?kind=site-visit"));
        Assert.Equal(["Visite du site de tri"], await Titles("/api/events?from=2031-02-01T00:00:00Z&to=2031-02-28T00:00:00Z"));
        Assert.Equal(["Compostage collectif"], await Titles("/api/events?q=COMPOST"));

        var page = await _client.GetFromJsonAsync<JsonElement>("/api/events?page=2&pageSize=2");
        Assert.Equal(3, page.GetProperty("total").GetInt32());
        Assert.Equal(2, page.GetProperty("page").GetInt32());
        Assert.Equal(2, page.GetProperty("pageSize").GetInt32());
        Assert.Equal(1, page.GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("dechets")]
    [InlineData("DÉCHETS")]
    [InlineData("biodéchets en")]
    [InlineData("  Restauration ! ")]
    public async Task Text_search_ignores_accents_case_and_punctuation(string typed)
    {
        await Schedule("Biodéchets en restauration", "conference", "bio-waste", "Harnes", "2031-03-10T09:00:00+01:00");
        await Schedule("Visite du site de tri", "site-visit", "electronic-boards", "Harnes", "2031-02-10T09:00:00+01:00");

        var found = await Titles($"/api/events?q={Uri.EscapeDataString(typed)}");

        Assert.Equal(["Biodéchets en restauration"], found);
    }

    [Fact]
    public async Task Events_stored_before_the_search_key_get_one_that_finds_them_alike()
    {
        await Schedule("Œuvres d'ÉLÈVES : réemploi, tri", "workshop", "bio-waste", "Lens", "2031-01-10T09:00:00+01:00");
        using (var scope = _factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Infrastructure.EventsContext>();
            await db.Database.ExecuteSqlRawAsync("UPDATE events SET \"SearchText\" = ''");
            await db.Database.ExecuteSqlRawAsync(Infrastructure.Migrations.SearchTextBackfill.Statement);
            var stored = await db.Events.Select(e => e.SearchText).SingleAsync();
            Assert.Equal(Contracts.SearchKey.Of("Œuvres d'ÉLÈVES : réemploi, tri"), stored);
        }
        Assert.Equal(["Œuvres d'ÉLÈVES : réemploi, tri"], await Titles("/api/events?q=oeuvres%20d%20eleves"));
    }

    [Fact]
    public async Task Organisers_list_their_drafts_and_everyone_lists_upcoming_or_past()
    {
        var created = await _client.PostAsync("/api/events", Json(RoundTable.Replace("\"capacity\":80", "\"capacity\":80,\"draft\":true")));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await Schedule("Compostage collectif", "workshop", "bio-waste", "Lens", "2031-01-10T09:00:00+01:00");

        Assert.Equal(["Réemploi des matériaux"], await Titles("/api/events?status=draft"));
        Assert.Equal(["Compostage collectif"], await Titles("/api/events?when=upcoming"));
        Assert.Empty(await Titles("/api/events?when=past"));
        Assert.Equal(["status"], (await ValidationErrorsOf(await Client("member").GetAsync("/api/events?status=draft"))).Keys);
        Assert.Equal(["status"], (await ValidationErrorsOf(await Client(null).GetAsync("/api/events?status=maybe"))).Keys);
        Assert.Equal(["when"], (await ValidationErrorsOf(await Client(null).GetAsync("/api/events?when=soon"))).Keys);
    }

    [Fact]
    public async Task Once_members_revoke_an_organisers_access_their_older_tokens_are_refused_and_newer_ones_work()
    {
        var organiserId = Guid.NewGuid();
        var bystander = _authority.Token("organiser");
        var before = _authority.Token("organiser", subject: organiserId, accessVersion: 3);
        Assert.Equal(HttpStatusCode.OK, (await As(before).GetAsync("/api/events")).StatusCode);

        await _factory.Harness.Bus.Publish(new MemberAccessRevoked { MemberId = organiserId, AccessVersion = 4, Reason = "role-changed" });

        // Heard on this instance's own queue: the next request with the older token is refused.
        await Wait.UntilAsync(async () => (await As(before).PostAsJsonAsync("/api/events", new { })).StatusCode == HttpStatusCode.Unauthorized,
            "the revocation to reach the service", TimeSpan.FromSeconds(60));
        var refused = await As(before).PostAsJsonAsync("/api/events", new { });
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        // Reading what anyone may read stays open, the refused token aside.
        Assert.Equal(HttpStatusCode.OK, (await _factory.CreateClient().GetAsync("/api/events")).StatusCode);
        var after = _authority.Token("member", subject: organiserId, accessVersion: 4);
        Assert.Equal(HttpStatusCode.Forbidden, (await As(after).PostAsJsonAsync("/api/events", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await As(bystander).PostAsJsonAsync("/api/events", new { })).StatusCode);
    }

    [Fact]
    public async Task A_draft_stays_off_the_calendar_until_it_is_scheduled_and_only_then_is_announced()
    {
        var created = await _client.PostAsync("/api/events", Json(RoundTable.Replace("\"capacity\":80", "\"capacity\":80,\"draft\":true")));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var draft = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = draft.GetProperty("id").GetGuid();
        Assert.Equal("draft", draft.GetProperty("status").GetString());
        Assert.Equal(0, (await Client(null).GetFromJsonAsync<JsonElement>("/api/events")).GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await Client(null).GetAsync($"/api/events/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync($"/api/events/{id}")).StatusCode);

        var scheduled = await _client.PostAsync($"/api/events/{id}/schedule", null);

        Assert.Equal(HttpStatusCode.OK, scheduled.StatusCode);
        Assert.Equal("scheduled", (await scheduled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.NotNull(await _factory.Harness.PublishedAsync<EventScheduled>(m => m.EventId == id));
        Assert.Equal(1, (await Client(null).GetFromJsonAsync<JsonElement>("/api/events")).GetProperty("total").GetInt32());
        var again = await _client.PostAsync($"/api/events/{id}/schedule", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("already scheduled", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_cancellation_needs_a_reason_is_announced_and_is_final()
    {
        var id = await ScheduledRoundTable();

        Assert.Equal(["reason"], (await ValidationErrorsOf(await _client.PostAsJsonAsync($"/api/events/{id}/cancel", new { reason = " " }))).Keys);
        var cancelled = await _client.PostAsJsonAsync($"/api/events/{id}/cancel", new { reason = "Salle indisponible" });

        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var body = await cancelled.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("cancelled", body.GetProperty("status").GetString());
        Assert.Equal("Salle indisponible", body.GetProperty("cancellationReason").GetString());
        var published = Assert.IsType<EventCancelled>(await _factory.Harness.PublishedAsync<EventCancelled>(m => m.EventId == id));
        Assert.Equal("Salle indisponible", published.Reason);
        foreach (var move in new[] { "schedule", "complete" })
        {
            var refused = await _client.PostAsync($"/api/events/{id}/{move}", null);
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }
        var edit = new HttpRequestMessage(HttpMethod.Put, $"/api/events/{id}") { Content = Json(RoundTable) };
        edit.Headers.IfMatch.Add(cancelled.Headers.ETag!);
        Assert.Equal(HttpStatusCode.Conflict, (await _client.SendAsync(edit)).StatusCode);
    }

    [Fact]
    public async Task An_event_is_completed_only_once_it_has_started()
    {
        var id = await ScheduledRoundTable();

        var early = await _client.PostAsync($"/api/events/{id}/complete", null);

        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("not started", (await early.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Changes_need_the_current_etag_and_a_new_time_reschedules_the_event()
    {
        var id = await ScheduledRoundTable();
        var read = await _client.GetAsync($"/api/events/{id}");
        var etag = read.Headers.ETag!;
        var moved = RoundTable.Replace("2030-12-03T09:00:00+01:00", "2031-01-14T14:00").Replace("2030-12-03T12:00:00+01:00", "2031-01-14T17:00");

        var blind = await _client.PutAsync($"/api/events/{id}", Json(moved));
        Assert.Equal((HttpStatusCode)428, blind.StatusCode);

        var change = new HttpRequestMessage(HttpMethod.Put, $"/api/events/{id}") { Content = Json(moved) };
        change.Headers.IfMatch.Add(etag);
        var changed = await _client.SendAsync(change);

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
        var body = await changed.Content.ReadFromJsonAsync<JsonElement>();
        // Entered without an offset: Paris time, winter (+01:00).
        Assert.Equal(new DateTimeOffset(2031, 1, 14, 13, 0, 0, TimeSpan.Zero), body.GetProperty("startsAt").GetDateTimeOffset());
        Assert.EndsWith("+01:00", body.GetProperty("startsAt").GetString(), StringComparison.Ordinal);
        var rescheduled = Assert.IsType<EventRescheduled>(await _factory.Harness.PublishedAsync<EventRescheduled>(m => m.EventId == id));
        Assert.Equal(1, rescheduled.Sequence);

        var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/events/{id}") { Content = Json(RoundTable) };
        stale.Headers.IfMatch.Add(etag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await _client.SendAsync(stale)).StatusCode);
        Assert.Equal(new DateTimeOffset(2031, 1, 14, 13, 0, 0, TimeSpan.Zero),
            (await _client.GetFromJsonAsync<JsonElement>($"/api/events/{id}")).GetProperty("startsAt").GetDateTimeOffset());
    }

    [Theory]
    [InlineData("2027-03-28T02:30", "does not exist")]
    [InlineData("2027-10-31T02:30", "happens twice")]
    public async Task Paris_times_the_clock_change_skips_or_repeats_are_refused_with_the_reason(string startsAt, string reason)
    {
        var body = RoundTable.Replace("2030-12-03T09:00:00+01:00", startsAt).Replace("2030-12-03T12:00:00+01:00", startsAt[..11] + "05:00");

        var errors = await ValidationErrorsOf(await _client.PostAsync("/api/events", Json(body)));

        Assert.Equal(["startsAt"], errors.Keys);
        Assert.Contains(reason, errors["startsAt"][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_reader_gets_their_language_and_is_told_when_french_stands_in()
    {
        var id = await ScheduledRoundTable();
        var untranslated = await _client.PostAsync("/api/events", Json(RoundTable.Replace(",\"en\":\"Reuse of building materials\"", "")));
        var frenchOnly = (await untranslated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var english = (await _client.GetFromJsonAsync<JsonElement>($"/api/events/{id}?lang=en")).GetProperty("text");
        Assert.Equal(("en", false, "Reuse of building materials"), (english.GetProperty("language").GetString(), english.GetProperty("fallback").GetBoolean(), english.GetProperty("title").GetString()));

        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/events/{frenchOnly}");
        request.Headers.AcceptLanguage.ParseAdd("en-GB,en;q=0.9");
        var fallback = (await (await _client.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("text");
        Assert.Equal(("fr", true, "Réemploi des matériaux"), (fallback.GetProperty("language").GetString(), fallback.GetProperty("fallback").GetBoolean(), fallback.GetProperty("title").GetString()));
        Assert.Equal(["lang"], (await ValidationErrorsOf(await _client.GetAsync($"/api/events/{id}?lang=de"))).Keys);
    }

    [Fact]
    public async Task A_hybrid_site_visit_keeps_its_people_agenda_and_practical_information()
    {
        var response = await _client.PostAsJsonAsync("/api/events", new
        {
            title = new { fr = "Visite du centre de tri" },
            kind = "site-visit",
            themes = new[] { "electronic-boards" },
            startsAt = "2031-04-08T09:00",
            endsAt = "2031-04-08T12:00",
            municipality = "Harnes",
            venue = "Centre de tri",
            address = "Rue de la Gare, 62440 Harnes",
            onlineUrl = "https://visio.example.org/tri",
            capacity = 12,
            registrationClosesAt = "2031-04-06T18:00",
            organisers = new[] { new { name = "Camille Dupont", organisation = "TEAM2" } },
            speakers = new[] { new { name = "Alex Martin", role = "Responsable du site" } },
            agenda = new[] { new { startsAt = "2031-04-08T10:00", title = new { fr = "Chaîne de tri" } }, new { startsAt = "2031-04-08T09:00", title = new { fr = "Accueil" } } },
            practical = new { protectiveEquipment = new { fr = "Chaussures de sécurité", en = "Safety shoes" }, accessibility = new { fr = "Accès PMR" } },
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("hybrid", body.GetProperty("format").GetString());
        Assert.Equal(["Accueil", "Chaîne de tri"], body.GetProperty("agenda").EnumerateArray().Select(i => i.GetProperty("title").GetProperty("fr").GetString()));
        Assert.Equal("TEAM2", body.GetProperty("organisers")[0].GetProperty("organisation").GetString());
        Assert.Equal("Safety shoes", body.GetProperty("practical").GetProperty("protectiveEquipment").GetProperty("en").GetString());
        // Summer time in Paris that day.
        Assert.Equal(new DateTimeOffset(2031, 4, 6, 16, 0, 0, TimeSpan.Zero), body.GetProperty("registrationClosesAt").GetDateTimeOffset());
        Assert.Equal(12, body.GetProperty("seats").GetProperty("left").GetInt32());
        var fetched = await _client.GetFromJsonAsync<JsonElement>($"/api/events/{body.GetProperty("id").GetGuid()}");
        Assert.Equal("Alex Martin", fetched.GetProperty("speakers")[0].GetProperty("name").GetString());
        var published = Assert.IsType<EventScheduled>(await _factory.Harness.PublishedAsync<EventScheduled>(m => m.EventId == body.GetProperty("id").GetGuid()));
        Assert.Equal("https://visio.example.org/tri", published.OnlineUrl);
        Assert.Contains("Safety shoes", published.PracticalInformation?.En, StringComparison.Ordinal);
    }

    private async Task<Guid> ScheduledRoundTable()
    {
        var future = RoundTable.Replace("2030-12-03T09:00:00+01:00", "2031-12-03T09:00:00+01:00").Replace("2030-12-03T12:00:00+01:00", "2031-12-03T12:00:00+01:00");
        var response = await _client.PostAsync("/api/events", Json(future));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private HttpClient As(string token)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Theory]
    [InlineData("title", "title.fr")]
    [InlineData("venue", "venue")]
    [InlineData("municipality", "municipality")]
    public async Task A_nul_character_in_any_text_is_refused_by_its_field_and_nothing_is_stored(string property, string field)
    {
        var start = new DateTimeOffset(2031, 3, 4, 9, 0, 0, TimeSpan.FromHours(1));
        var body = new Dictionary<string, object>
        {
            ["title"] = new { fr = property == "title" ? "Atelier\0réemploi" : "Atelier réemploi" },
            ["kind"] = "workshop",
            ["themes"] = new[] { "bio-waste" },
            ["startsAt"] = start,
            ["endsAt"] = start.AddHours(2),
            ["municipality"] = property == "municipality" ? "Lens\0" : "Lens",
            ["venue"] = property == "venue" ? "Salle\0des fêtes" : "Salle des fêtes",
        };

        var errors = await ValidationErrorsOf(await _client.PostAsJsonAsync("/api/events", body));

        Assert.Equal([field], errors.Keys);
        Assert.Contains("NUL", errors[field][0], StringComparison.Ordinal);
        Assert.Equal(0, (await _client.GetFromJsonAsync<JsonElement>("/api/events")).GetProperty("total").GetInt32());
        Assert.Equal(["q"], (await ValidationErrorsOf(await _client.GetAsync("/api/events?q=%00"))).Keys);
    }

    [Theory]
    [InlineData("/api/events?pageSize=201", "pageSize")]
    [InlineData("/api/events?page=0", "page")]
    [InlineData("/api/events?page=999999999", "page")]
    [InlineData("/api/events?page=2147483647", "page")]
    [InlineData("/api/events?page=99999999999", "page")]
    [InlineData("/api/events?page=abc", "page")]
    [InlineData("/api/events?pageSize=-1", "pageSize")]
    [InlineData("/api/events?theme=gardening", "theme")]
    [InlineData("/api/events?municipality=Lille", "municipality")]
    [InlineData("/api/events?from=2027-02-01T00:00:00Z&to=2027-01-01T00:00:00Z", "to")]
    public async Task Bad_list_queries_are_refused_with_the_field_named(string url, string field)
    {
        var errors = await ValidationErrorsOf(await _client.GetAsync(url));

        Assert.Equal([field], errors.Keys);
    }

    private async Task Schedule(string title, string kind, string theme, string municipality, string startsAt)
    {
        var start = DateTimeOffset.Parse(startsAt, System.Globalization.CultureInfo.InvariantCulture);
        var response = await _client.PostAsJsonAsync("/api/events", new
        {
            title = new { fr = title },
            kind,
            themes = new[] { theme },
            startsAt = start,
            endsAt = start.AddHours(3),
            municipality,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private async Task<List<string>> Titles(string url)
    {
        var page = await _client.GetFromJsonAsync<JsonElement>(url);
        return page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("title").GetProperty("fr").GetString()!).ToList();
    }

    internal static async Task<Dictionary<string, string[]>> ValidationErrorsOf(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return problem.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
    }

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}

public sealed class EventsApiOnSqliteTests : EventsApiTests
{
    protected override Task<string?> CreateDatabaseAsync() => Task.FromResult<string?>(null);
}

public sealed class EventsApiOnPostgresTests(PostgresFixture postgres) : EventsApiTests, IClassFixture<PostgresFixture>
{
    protected override async Task<string?> CreateDatabaseAsync() => await postgres.CreateDatabaseAsync();
}
