using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CircularPlatform.TestSupport;
using Ical.Net;

namespace CircularPlatform.Events.Tests;

/// <summary>The calendars as a calendar application reads them, whichever database the service runs on.</summary>
public abstract class CalendarsApiTests : IAsyncLifetime
{
    private FakeAuthority _authority = null!;
    private ServiceFactory<Program> _factory = null!;
    private HttpClient _organiser = null!;
    private HttpClient _anonymous = null!;

    protected abstract Task<string?> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        _authority = await FakeAuthority.StartAsync();
        _factory = new ServiceFactory<Program>("eventsdb", await CreateDatabaseAsync());
        _factory.Settings["Identity:Authority"] = _authority.Url;
        _organiser = _factory.CreateClient();
        _organiser.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _authority.Token("organiser"));
        _anonymous = _factory.CreateClient();
        await _factory.Harness.Start();
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _authority.DisposeAsync();
    }

    /// <summary>Long enough to be folded, with accents where a fold could cut a character in two.</summary>
    private static readonly string Description =
        "Visite guidée de la plateforme : réception des déchets, tri, broyage et valorisation ; " + string.Concat(Enumerable.Repeat("éèêàç", 30));

    [Fact]
    public async Task One_events_calendar_is_valid_rfc_5545_in_paris_time_and_reads_back_whole()
    {
        var id = await NewEventAsync("Réemploi, tri; et valorisation", "building-materials");

        var response = await _anonymous.GetAsync($"/api/events/{id}/calendar.ics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var text = Rfc5545.AssertWellFormed(bytes);
        Assert.Contains("SUMMARY:Réemploi\\, tri\\; et valorisation\r\n", text, StringComparison.Ordinal);
        Assert.Contains("DTSTART;TZID=Europe/Paris:20301203T090000\r\n", text, StringComparison.Ordinal);
        Assert.Contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\n", text, StringComparison.Ordinal);
        Assert.Contains("METHOD:PUBLISH\r\n", text, StringComparison.Ordinal);

        var entry = Assert.Single(Calendar.Load(text)!.Events);
        Assert.Equal($"{id}@events.club-economie-circulaire-lens-lievin.fr", entry.Uid);
        Assert.Equal("Réemploi, tri; et valorisation", entry.Summary);
        Assert.StartsWith(Description, entry.Description, StringComparison.Ordinal);
        Assert.Equal(new DateTime(2030, 12, 3, 8, 0, 0, DateTimeKind.Utc), entry.DtStart!.AsUtc);
        Assert.Equal(new DateTime(2030, 12, 3, 11, 0, 0, DateTimeKind.Utc), entry.DtEnd!.AsUtc);
        Assert.Equal(0, entry.Sequence);
        Assert.Equal("CONFIRMED", entry.Status);
        Assert.Equal("Centre de tri, Rue de la Gare, 62440 Harnes", entry.Location);
        Assert.Equal(["site-visit", "building-materials"], entry.Categories);
    }

    [Fact]
    public async Task A_summer_event_is_at_its_paris_time_and_the_english_calendar_says_so()
    {
        var id = await NewEventAsync("Visite d'été", "bio-waste", startsAt: "2031-07-01T14:00", endsAt: "2031-07-01T16:00");

        var text = await _anonymous.GetStringAsync($"/api/events/{id}/calendar.ics?lang=en");

        var entry = Assert.Single(Calendar.Load(text)!.Events);
        Assert.Equal(new DateTime(2031, 7, 1, 12, 0, 0, DateTimeKind.Utc), entry.DtStart!.AsUtc);
        Assert.Equal("Reuse site visit", entry.Summary);
    }

    [Fact]
    public async Task A_reschedule_raises_the_sequence_and_a_cancellation_marks_the_same_entry_cancelled()
    {
        var id = await NewEventAsync("Réemploi des matériaux", "building-materials");
        var first = Assert.Single(Calendar.Load(await _anonymous.GetStringAsync($"/api/events/{id}/calendar.ics"))!.Events);

        var read = await _organiser.GetAsync($"/api/events/{id}");
        var change = new HttpRequestMessage(HttpMethod.Put, $"/api/events/{id}") { Content = Body("Réemploi des matériaux", "building-materials", "2030-12-04T09:00", "2030-12-04T12:00") };
        change.Headers.IfMatch.Add(read.Headers.ETag!);
        Assert.Equal(HttpStatusCode.OK, (await _organiser.SendAsync(change)).StatusCode);
        var moved = Assert.Single(Calendar.Load(await _anonymous.GetStringAsync($"/api/events/{id}/calendar.ics"))!.Events);

        Assert.Equal(first.Uid, moved.Uid);
        Assert.Equal(1, moved.Sequence);
        Assert.Equal(new DateTime(2030, 12, 4, 8, 0, 0, DateTimeKind.Utc), moved.DtStart!.AsUtc);

        Assert.Equal(HttpStatusCode.OK, (await _organiser.PostAsJsonAsync($"/api/events/{id}/cancel", new { reason = "Salle indisponible" })).StatusCode);
        var cancelled = Assert.Single(Calendar.Load(await _anonymous.GetStringAsync($"/api/events/{id}/calendar.ics"))!.Events);
        Assert.Equal((first.Uid, 2, "CANCELLED"), (cancelled.Uid, cancelled.Sequence, cancelled.Status));
        Assert.Contains("Salle indisponible", cancelled.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_poll_that_changes_nothing_is_a_304_and_a_change_is_seen_at_once()
    {
        var id = await NewEventAsync("Réemploi des matériaux", "building-materials");
        var first = await _anonymous.GetAsync($"/api/events/{id}/calendar.ics");
        var etag = first.Headers.ETag!;
        var lastModified = first.Content.Headers.LastModified!.Value;

        Assert.Equal(HttpStatusCode.NotModified, (await Conditional($"/api/events/{id}/calendar.ics", etag, null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, (await Conditional($"/api/events/{id}/calendar.ics", null, lastModified)).StatusCode);
        var unchangedFeed = await _anonymous.GetAsync("/api/events/calendar.ics");
        var unchanged = await Conditional("/api/events/calendar.ics", unchangedFeed.Headers.ETag, null);
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.Empty(await unchanged.Content.ReadAsByteArrayAsync());

        Assert.Equal(HttpStatusCode.OK, (await _organiser.PostAsJsonAsync($"/api/events/{id}/cancel", new { reason = "Salle indisponible" })).StatusCode);

        var changed = await Conditional($"/api/events/{id}/calendar.ics", etag, null);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, (await Conditional("/api/events/calendar.ics", unchangedFeed.Headers.ETag, null)).StatusCode);
    }

    [Fact]
    public async Task The_feed_holds_the_calendars_events_or_one_themes_never_drafts()
    {
        var building = await NewEventAsync("Réemploi des matériaux", "building-materials");
        var bio = await NewEventAsync("Compostage collectif", "bio-waste");
        await NewEventAsync("Brouillon", "bio-waste", draft: true);

        var all = Calendar.Load(Rfc5545.AssertWellFormed(await _anonymous.GetByteArrayAsync("/api/events/calendar.ics")))!;
        var themed = Calendar.Load(await _anonymous.GetStringAsync("/api/events/calendar.ics?theme=bio-waste"))!;

        Assert.Equal([Uid(building), Uid(bio)], all.Events.Select(e => e.Uid).Order());
        Assert.Equal([Uid(bio)], themed.Events.Select(e => e.Uid));
        Assert.Single(all.TimeZones);
        Assert.Contains("X-WR-CALNAME:Club économie circulaire de Lens-Liévin — ", await _anonymous.GetStringAsync("/api/events/calendar.ics?theme=bio-waste"), StringComparison.Ordinal);
        Assert.Equal(["theme"], (await EventsApiTests.ValidationErrorsOf(await _anonymous.GetAsync("/api/events/calendar.ics?theme=gardening"))).Keys);
        Assert.Equal(HttpStatusCode.NotFound, (await _anonymous.GetAsync($"/api/events/{Guid.NewGuid()}/calendar.ics")).StatusCode);
    }

    [Fact]
    public async Task An_independent_reader_accepts_the_calendar()
    {
        var id = await NewEventAsync("Réemploi, tri; et valorisation", "building-materials");
        await NewEventAsync("Visite d'été", "bio-waste", startsAt: "2031-07-01T14:00", endsAt: "2031-07-01T16:00");

        var feed = await _anonymous.GetByteArrayAsync("/api/events/calendar.ics");

        var read = await IcalJs.ReadAsync(feed);
        var first = read.GetProperty("events").EnumerateArray().Single(e => e.GetProperty("uid").GetString() == Uid(id));
        Assert.Equal("Réemploi, tri; et valorisation", first.GetProperty("summary").GetString());
        Assert.Equal("2030-12-03T08:00:00.000Z", first.GetProperty("startUtc").GetString());
        Assert.Equal("Europe/Paris", first.GetProperty("startZone").GetString());
        Assert.Equal("2031-07-01T12:00:00.000Z", read.GetProperty("events")[1].GetProperty("startUtc").GetString());
    }

    private static string Uid(Guid id) => $"{id}@events.club-economie-circulaire-lens-lievin.fr";

    private async Task<HttpResponseMessage> Conditional(string url, EntityTagHeaderValue? etag, DateTimeOffset? since)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (etag is not null)
        {
            request.Headers.IfNoneMatch.Add(etag);
        }
        request.Headers.IfModifiedSince = since;
        return await _anonymous.SendAsync(request);
    }

    private async Task<Guid> NewEventAsync(string title, string theme, string startsAt = "2030-12-03T09:00", string endsAt = "2030-12-03T12:00", bool draft = false)
    {
        var response = await _organiser.PostAsync("/api/events", Body(title, theme, startsAt, endsAt, draft));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static JsonContent Body(string title, string theme, string startsAt, string endsAt, bool draft = false) => JsonContent.Create(new
    {
        title = new { fr = title, en = "Reuse site visit" },
        description = new { fr = Description },
        kind = "site-visit",
        themes = new[] { theme },
        startsAt,
        endsAt,
        municipality = "Harnes",
        venue = "Centre de tri",
        address = "Rue de la Gare, 62440 Harnes",
        capacity = 20,
        draft = draft ? true : (bool?)null,
    });
}

public sealed class CalendarsApiOnSqliteTests : CalendarsApiTests
{
    protected override Task<string?> CreateDatabaseAsync() => Task.FromResult<string?>(null);
}

public sealed class CalendarsApiOnPostgresTests(PostgresFixture postgres) : CalendarsApiTests, IClassFixture<PostgresFixture>
{
    protected override async Task<string?> CreateDatabaseAsync() => await postgres.CreateDatabaseAsync();
}

/// <summary>RFC 5545's rules for the text itself, checked on the bytes as served.</summary>
internal static class Rfc5545
{
    public static string AssertWellFormed(byte[] bytes)
    {
        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        var text = strict.GetString(bytes);
        // 3.1: lines end with CRLF, nothing else.
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', text.Replace("\r\n", "", StringComparison.Ordinal));
        var lines = text[..^2].Split("\r\n");
        foreach (var line in lines)
        {
            var octets = strict.GetBytes(line);
            // 3.1: at most 75 octets, folded without cutting a UTF-8 character (each line decodes alone).
            Assert.True(octets.Length <= 75, $"A line of {octets.Length} octets: {line}");
            Assert.Equal(line, strict.GetString(octets));
        }
        var unfolded = string.Join("\r\n", lines).Replace("\r\n ", "", StringComparison.Ordinal).Replace("\r\n\t", "", StringComparison.Ordinal).Split("\r\n");
        Assert.Equal("BEGIN:VCALENDAR", unfolded[0]);
        Assert.Equal("END:VCALENDAR", unfolded[^1]);
        Assert.Contains("VERSION:2.0", unfolded);
        Assert.Contains(unfolded, l => l.StartsWith("PRODID:", StringComparison.Ordinal));
        // 3.6.1: every event has its UID and DTSTAMP, and DTSTART.
        var events = unfolded.Count(l => l == "BEGIN:VEVENT");
        Assert.Equal(events, unfolded.Count(l => l.StartsWith("UID:", StringComparison.Ordinal)));
        Assert.Equal(events, unfolded.Count(l => l.StartsWith("DTSTAMP:", StringComparison.Ordinal) && l.EndsWith('Z')));
        Assert.Equal(events, unfolded.Count(l => l.StartsWith("DTSTART;TZID=Europe/Paris:", StringComparison.Ordinal)));
        return text;
    }
}
