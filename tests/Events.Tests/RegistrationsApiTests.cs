using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CircularPlatform.Contracts.IntegrationEvents;
using CircularPlatform.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace CircularPlatform.Events.Tests;

/// <summary>Registrations through the real HTTP stack, on the club's clock, whichever database the service runs on.</summary>
public abstract class RegistrationsApiTests : IAsyncLifetime
{
    /// <summary>A month before the round table; tests move it to the day itself and after.</summary>
    private static readonly DateTimeOffset Today = new(2030, 11, 3, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Start = new(2030, 12, 3, 8, 0, 0, TimeSpan.Zero);

    private readonly ManualTimeProvider _clock = new(Today);
    private FakeAuthority _authority = null!;
    private string? _connectionString;
    protected ServiceFactory<Program> Factory { get; private set; } = null!;
    private HttpClient _organiser = null!;

    /// <summary>The connection string of a fresh database, or null for the default SQLite file.</summary>
    protected abstract Task<string?> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        _authority = await FakeAuthority.StartAsync();
        _connectionString = await CreateDatabaseAsync();
        Factory = NewReplica();
        _organiser = As(Factory, _authority.Token("organiser"));
        await Factory.Harness.Start();
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await _authority.DisposeAsync();
    }

    /// <summary>One instance of the service; more than one on the same database are replicas.</summary>
    protected ServiceFactory<Program> NewReplica()
    {
        var replica = new ServiceFactory<Program>("eventsdb", _connectionString)
        {
            TestServices = services => services.AddSingleton<TimeProvider>(_clock),
        };
        replica.Settings["Identity:Authority"] = _authority.Url;
        return replica;
    }

    [Fact]
    public async Task Members_get_seats_while_they_remain_then_the_waitlist_and_each_is_told()
    {
        var id = await NewEventAsync(capacity: 2);
        var members = Enumerable.Range(1, 4).Select(i => NewMember($"Membre {i}")).ToList();

        var answers = new List<JsonElement>();
        foreach (var member in members)
        {
            var response = await member.Client.PostAsync($"/api/events/{id}/registrations", null);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            Assert.Equal($"/api/events/{id}/registrations/me", response.Headers.Location?.OriginalString);
            answers.Add(await response.Content.ReadFromJsonAsync<JsonElement>());
        }

        Assert.Equal(["confirmed", "confirmed", "waitlisted", "waitlisted"], answers.Select(a => a.GetProperty("status").GetString()));
        Assert.Equal([2, 1], answers.Skip(2).Select(a => a.GetProperty("position").GetInt32()).Reverse());
        Assert.All(answers.Take(2), a => Assert.Equal(8, a.GetProperty("checkInCode").GetString()!.Length));
        Assert.All(answers.Skip(2), a => Assert.False(a.TryGetProperty("checkInCode", out _)));
        Assert.Equal("Réemploi des matériaux", answers[0].GetProperty("event").GetProperty("text").GetProperty("title").GetString());

        foreach (var member in members.Take(2))
        {
            Assert.NotNull(await Factory.Harness.PublishedAsync<RegistrationConfirmed>(m => m.EventId == id && m.MemberId == member.Id));
        }
        var second = await Factory.Harness.PublishedAsync<RegistrationWaitlisted>(m => m.MemberId == members[3].Id);
        Assert.Equal(2, second?.Position);
        var seats = (await _organiser.GetFromJsonAsync<JsonElement>($"/api/events/{id}")).GetProperty("seats");
        Assert.Equal((2, 2, 0), (seats.GetProperty("confirmed").GetInt32(), seats.GetProperty("waitlisted").GetInt32(), seats.GetProperty("left").GetInt32()));
    }

    [Fact]
    public async Task Registering_again_answers_the_registration_held_and_changes_nothing()
    {
        var id = await NewEventAsync(capacity: 1);
        var member = NewMember("Camille Dupont");

        var first = await member.Client.PostAsync($"/api/events/{id}/registrations", null);
        var again = await member.Client.PostAsync($"/api/events/{id}/registrations", null);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal((await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(),
            (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        var list = await _organiser.GetFromJsonAsync<JsonElement>($"/api/events/{id}/registrations");
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        Assert.Equal(1, list.GetProperty("counts").GetProperty("confirmed").GetInt32());
        Assert.Equal(0, list.GetProperty("counts").GetProperty("waitlisted").GetInt32());
    }

    [Fact]
    public async Task Giving_up_a_seat_promotes_the_first_of_the_waitlist_and_registering_again_queues_at_the_end()
    {
        var id = await NewEventAsync(capacity: 1);
        var (seated, first, second) = (NewMember("Assis"), NewMember("Premier"), NewMember("Second"));
        foreach (var member in new[] { seated, first, second })
        {
            await RegisterAsync(member, id);
        }

        var withdrawn = await seated.Client.DeleteAsync($"/api/events/{id}/registrations/me");

        Assert.Equal(HttpStatusCode.NoContent, withdrawn.StatusCode);
        var cancelled = await Factory.Harness.PublishedAsync<RegistrationCancelled>(m => m.MemberId == seated.Id);
        Assert.Equal("member", cancelled?.Reason);
        Assert.NotNull(await Factory.Harness.PublishedAsync<RegistrationPromoted>(m => m.MemberId == first.Id));
        var promoted = await first.Client.GetFromJsonAsync<JsonElement>($"/api/events/{id}/registrations/me");
        Assert.Equal("confirmed", promoted.GetProperty("status").GetString());
        Assert.Equal(8, promoted.GetProperty("checkInCode").GetString()!.Length);
        Assert.Equal(1, (await second.Client.GetFromJsonAsync<JsonElement>($"/api/events/{id}/registrations/me")).GetProperty("position").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await seated.Client.DeleteAsync($"/api/events/{id}/registrations/me")).StatusCode);

        var back = await RegisterAsync(seated, id);

        Assert.Equal("waitlisted", back.GetProperty("status").GetString());
        Assert.Equal(2, back.GetProperty("position").GetInt32());
        Assert.DoesNotContain(second.Id, Factory.Harness.Published.Select<RegistrationPromoted>().Select(m => m.Context.Message.MemberId));
    }

    [Fact]
    public async Task Raising_the_capacity_promotes_and_lowering_it_never_drops_a_confirmed_person()
    {
        var id = await NewEventAsync(capacity: 2);
        var members = Enumerable.Range(1, 5).Select(i => NewMember($"Membre {i}")).ToList();
        foreach (var member in members)
        {
            await RegisterAsync(member, id);
        }

        await ChangeCapacityAsync(id, 3);

        Assert.NotNull(await Factory.Harness.PublishedAsync<RegistrationPromoted>(m => m.MemberId == members[2].Id));
        await ChangeCapacityAsync(id, 1);
        var counts = (await _organiser.GetFromJsonAsync<JsonElement>($"/api/events/{id}/registrations")).GetProperty("counts");
        Assert.Equal((1, 3, 2), (counts.GetProperty("capacity").GetInt32(), counts.GetProperty("confirmed").GetInt32(), counts.GetProperty("waitlisted").GetInt32()));

        // Over the new capacity: a freed seat is not given on.
        Assert.Equal(HttpStatusCode.NoContent, (await members[0].Client.DeleteAsync($"/api/events/{id}/registrations/me")).StatusCode);
        counts = (await _organiser.GetFromJsonAsync<JsonElement>($"/api/events/{id}/registrations")).GetProperty("counts");
        Assert.Equal((2, 2), (counts.GetProperty("confirmed").GetInt32(), counts.GetProperty("waitlisted").GetInt32()));
        Assert.Equal("waitlisted", (await RegisterAsync(NewMember("Tard venu"), id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Registration_opens_and_closes_when_the_organisers_said_and_never_for_drafts_or_cancelled_events()
    {
        var id = await NewEventAsync(capacity: 10, extra: ",\"registrationOpensAt\":\"2030-11-10T09:00\",\"registrationClosesAt\":\"2030-12-01T18:00\"");
        var member = NewMember("Camille Dupont");

        var early = await member.Client.PostAsync($"/api/events/{id}/registrations", null);
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("2030-11-10 09:00", await Detail(early));

        _clock.Advance(TimeSpan.FromDays(10));
        Assert.Equal("confirmed", (await RegisterAsync(member, id)).GetProperty("status").GetString());

        _clock.Advance(TimeSpan.FromDays(19));
        var late = await NewMember("Retardataire").Client.PostAsync($"/api/events/{id}/registrations", null);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("deadline", await Detail(late));

        var draft = await NewEventAsync(capacity: 10, extra: ",\"draft\":true");
        Assert.Equal(HttpStatusCode.NotFound, (await member.Client.PostAsync($"/api/events/{draft}/registrations", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await member.Client.PostAsync($"/api/events/{Guid.NewGuid()}/registrations", null)).StatusCode);
    }

    [Fact]
    public async Task A_cancelled_event_ends_every_registration_and_members_see_why()
    {
        var id = await NewEventAsync(capacity: 1);
        var (seated, waiting) = (NewMember("Assis"), NewMember("En attente"));
        await RegisterAsync(seated, id);
        await RegisterAsync(waiting, id);

        Assert.Equal(HttpStatusCode.OK, (await _organiser.PostAsJsonAsync($"/api/events/{id}/cancel", new { reason = "Salle indisponible" })).StatusCode);

        foreach (var member in new[] { seated, waiting })
        {
            var mine = await member.Client.GetFromJsonAsync<JsonElement>($"/api/events/{id}/registrations/me");
            Assert.Equal("cancelled", mine.GetProperty("status").GetString());
            Assert.Equal("event-cancelled", mine.GetProperty("cancelledBecause").GetString());
            Assert.Equal("Salle indisponible", mine.GetProperty("event").GetProperty("cancellationReason").GetString());
        }
        var counts = (await _organiser.GetFromJsonAsync<JsonElement>($"/api/events/{id}/registrations")).GetProperty("counts");
        Assert.Equal((0, 0, 2), (counts.GetProperty("confirmed").GetInt32(), counts.GetProperty("waitlisted").GetInt32(), counts.GetProperty("cancelled").GetInt32()));
        var refused = await NewMember("Nouveau").Client.PostAsync($"/api/events/{id}/registrations", null);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("cancelled", await Detail(refused));
    }

    [Fact]
    public async Task Organisers_list_seats_in_arrival_order_the_waitlist_with_positions_and_filter_by_status()
    {
        var id = await NewEventAsync(capacity: 2);
        var members = Enumerable.Range(1, 5).Select(i => NewMember($"Membre {i}", $"membre{i}@entreprise.test")).ToList();
        foreach (var member in members)
        {
            await RegisterAsync(member, id);
        }
        await members[4].Client.DeleteAsync($"/api/events/{id}/registrations/me");

        var list = await _organiser.GetFromJsonAsync<JsonElement>($"/api/events/{id}/registrations");

        var items = list.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["Membre 1", "Membre 2", "Membre 3", "Membre 4", "Membre 5"], items.Select(i => i.GetProperty("displayName").GetString()));
        Assert.Equal(["confirmed", "confirmed", "waitlisted", "waitlisted", "cancelled"], items.Select(i => i.GetProperty("status").GetString()));
        Assert.Equal([1, 2], items.Where(i => i.TryGetProperty("position", out _)).Select(i => i.GetProperty("position").GetInt32()));
        Assert.Equal("membre3@entreprise.test", items[2].GetProperty("email").GetString());
        Assert.Equal("member", items[4].GetProperty("cancelledBecause").GetString());
        var counts = list.GetProperty("counts");
        Assert.Equal((2, 2, 2, 1, 0), (counts.GetProperty("capacity").GetInt32(), counts.GetProperty("confirmed").GetInt32(),
            counts.GetProperty("waitlisted").GetInt32(), counts.GetProperty("cancelled").GetInt32(), counts.GetProperty("checkedIn").GetInt32()));

        var waitlist = await _organiser.GetFromJsonAsync<JsonElement>($"/api/events/{id}/registrations?status=waitlisted&pageSize=1&page=2");
        Assert.Equal(2, waitlist.GetProperty("total").GetInt32());
        Assert.Equal("Membre 4", waitlist.GetProperty("items")[0].GetProperty("displayName").GetString());
        Assert.Equal(2, waitlist.GetProperty("items")[0].GetProperty("position").GetInt32());

        Assert.Equal(["status"], (await EventsApiTests.ValidationErrorsOf(await _organiser.GetAsync($"/api/events/{id}/registrations?status=maybe"))).Keys);
        Assert.Equal(HttpStatusCode.Forbidden, (await members[0].Client.GetAsync($"/api/events/{id}/registrations")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _organiser.GetAsync($"/api/events/{Guid.NewGuid()}/registrations")).StatusCode);
    }

    [Fact]
    public async Task The_csv_export_opens_in_a_spreadsheet_with_accents_and_without_running_a_formula()
    {
        var id = await NewEventAsync(capacity: 1);
        await RegisterAsync(NewMember("Élodie Lefèvre, RSE", "elodie@entreprise.test"), id);
        await RegisterAsync(NewMember("=HYPERLINK(\"http://example.test\")"), id);

        var response = await _organiser.GetAsync($"/api/events/{id}/registrations.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes.Take(3));
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n");
        Assert.Equal("Nom,Email,Statut,Position en liste d'attente,Inscrit le,Confirmé le,Annulé le,Motif d'annulation,Présent à", lines[0]);
        Assert.StartsWith("\"Élodie Lefèvre, RSE\",elodie@entreprise.test,confirmé,,2030-11-03 09:00,2030-11-03 09:00,,,", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("\"'=HYPERLINK(\"\"http://example.test\"\")\",,liste d'attente,1,", lines[2], StringComparison.Ordinal);
        Assert.Equal("", lines[3]);
        Assert.Equal(4, lines.Length);

        var english = await _organiser.GetStringAsync($"/api/events/{id}/registrations.csv?lang=en");
        // The byte order mark is read as such by the decoding: the text starts with the headings.
        Assert.StartsWith("Name,Email,Status,", english, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await NewMember("Curieux").Client.GetAsync($"/api/events/{id}/registrations.csv")).StatusCode);
    }

    [Fact]
    public async Task Members_see_their_upcoming_registrations_soonest_first_and_past_ones_latest_first()
    {
        var member = NewMember("Camille Dupont");
        var later = await NewEventAsync(capacity: 5, startsAt: "2031-02-10T09:00", endsAt: "2031-02-10T12:00", title: "Plus tard");
        var sooner = await NewEventAsync(capacity: 5, title: "Bientôt");
        var other = await NewEventAsync(capacity: 5, title: "Sans moi");
        await RegisterAsync(member, later);
        await RegisterAsync(member, sooner);
        await RegisterAsync(NewMember("Quelqu'un d'autre"), other);

        Assert.Equal(["Bientôt", "Plus tard"], await MyTitlesAsync(member, "upcoming"));
        Assert.Empty(await MyTitlesAsync(member, "past"));

        _clock.Advance(Start - Today + TimeSpan.FromDays(1));

        Assert.Equal(["Plus tard"], await MyTitlesAsync(member, "upcoming"));
        Assert.Equal(["Bientôt"], await MyTitlesAsync(member, "past"));
        Assert.Equal(["when"], (await EventsApiTests.ValidationErrorsOf(await member.Client.GetAsync("/api/events/registrations/me?when=soon"))).Keys);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Factory.CreateClient().GetAsync("/api/events/registrations/me")).StatusCode);
    }

    [Fact]
    public async Task At_the_door_a_confirmed_code_checks_in_once_and_the_attendance_reaches_event_completed()
    {
        var id = await NewEventAsync(capacity: 2);
        var members = Enumerable.Range(1, 3).Select(i => NewMember($"Membre {i}")).ToList();
        var codes = new List<string?>();
        foreach (var member in members)
        {
            codes.Add((await RegisterAsync(member, id)).TryGetProperty("checkInCode", out var code) ? code.GetString() : null);
        }
        _clock.Advance(Start - Today - TimeSpan.FromMinutes(30));

        // Read out at the door: lower case, with a dash in the middle.
        var typed = codes[0]!.ToLowerInvariant().Insert(4, "-");
        var first = await _organiser.PostAsJsonAsync($"/api/events/{id}/check-ins", new { code = typed });
        var again = await _organiser.PostAsJsonAsync($"/api/events/{id}/check-ins", new { code = codes[0] });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var admitted = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(admitted.GetProperty("alreadyCheckedIn").GetBoolean());
        Assert.Equal("Membre 1", admitted.GetProperty("registration").GetProperty("displayName").GetString());
        var repeated = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(repeated.GetProperty("alreadyCheckedIn").GetBoolean());
        Assert.Equal(1, repeated.GetProperty("checkedIn").GetInt32());

        Assert.Equal(HttpStatusCode.NotFound, (await _organiser.PostAsJsonAsync($"/api/events/{id}/check-ins", new { code = "ABCDEFGH" })).StatusCode);
        Assert.Equal(["code"], (await EventsApiTests.ValidationErrorsOf(await _organiser.PostAsJsonAsync($"/api/events/{id}/check-ins", new { code = "0O1IL" }))).Keys);
        Assert.Equal(HttpStatusCode.Forbidden, (await members[1].Client.PostAsJsonAsync($"/api/events/{id}/check-ins", new { code = codes[1] })).StatusCode);
        var refusedWaitlisted = await _organiser.PostAsJsonAsync($"/api/events/{id}/check-ins", new { code = await WaitlistedCodeAsync(members[2], id) });
        Assert.Equal(HttpStatusCode.Conflict, refusedWaitlisted.StatusCode);

        _clock.Advance(TimeSpan.FromHours(4));
        Assert.Equal(HttpStatusCode.OK, (await _organiser.PostAsync($"/api/events/{id}/complete", null)).StatusCode);

        var completed = await Factory.Harness.PublishedAsync<EventCompleted>(m => m.EventId == id);
        Assert.Equal((1, 2), (completed?.AttendeeCount, completed?.ConfirmedCount));
        Assert.Equal(1, (await _organiser.GetFromJsonAsync<JsonElement>($"/api/events/{id}")).GetProperty("attendance").GetInt32());
        var closed = await _organiser.PostAsJsonAsync($"/api/events/{id}/check-ins", new { code = codes[1] });
        Assert.Equal(HttpStatusCode.Conflict, closed.StatusCode);
        Assert.Contains("final", await Detail(closed));
    }

    [Fact]
    public async Task The_qr_code_carries_the_members_own_code_and_only_with_a_seat()
    {
        var id = await NewEventAsync(capacity: 1);
        var (seated, waiting) = (NewMember("Assis"), NewMember("En attente"));
        var code = (await RegisterAsync(seated, id)).GetProperty("checkInCode").GetString()!;
        await RegisterAsync(waiting, id);

        var response = await seated.Client.GetAsync($"/api/events/{id}/registrations/me/qr.svg");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        var modules = QrModules.FromSvg(await response.Content.ReadAsStringAsync());
        Assert.Equal(code, QrModules.Decode(modules));
        Assert.Equal(HttpStatusCode.NotFound, (await waiting.Client.GetAsync($"/api/events/{id}/registrations/me/qr.svg")).StatusCode);
    }

    [Fact]
    public async Task A_member_who_leaves_gives_up_upcoming_seats_to_the_waitlist_and_erasure_leaves_no_trace()
    {
        var id = await NewEventAsync(capacity: 1);
        var (leaving, waiting) = (NewMember("Qui part", "part@entreprise.test"), NewMember("En attente"));
        await RegisterAsync(leaving, id);
        await RegisterAsync(waiting, id);

        await Factory.Harness.Bus.Publish(new MemberLeft { MemberId = leaving.Id, Reason = "erasure", Erased = true });

        var cancelled = await Factory.Harness.PublishedAsync<RegistrationCancelled>(m => m.MemberId == leaving.Id);
        Assert.Equal("member-left", cancelled?.Reason);
        Assert.NotNull(await Factory.Harness.PublishedAsync<RegistrationPromoted>(m => m.MemberId == waiting.Id));
        await Wait.UntilAsync(async () => (await leaving.Client.GetAsync($"/api/events/{id}/registrations/me")).StatusCode == HttpStatusCode.NotFound,
            "the erased member's registration to no longer be theirs", TimeSpan.FromSeconds(60));
        var list = await _organiser.GetFromJsonAsync<JsonElement>($"/api/events/{id}/registrations");
        var gone = list.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("status").GetString() == "cancelled");
        Assert.False(gone.TryGetProperty("displayName", out _));
        Assert.False(gone.TryGetProperty("email", out _));
        Assert.NotEqual(leaving.Id, gone.GetProperty("memberId").GetGuid());
        Assert.Equal("member-left", gone.GetProperty("cancelledBecause").GetString());
        Assert.DoesNotContain("Qui part", await _organiser.GetStringAsync($"/api/events/{id}/registrations.csv"));
    }

    [Fact]
    public async Task A_new_name_from_members_reaches_the_organisers_list()
    {
        var id = await NewEventAsync(capacity: 5);
        var member = NewMember("Camille Dupont");
        await RegisterAsync(member, id);

        await Factory.Harness.Bus.Publish(new MemberProfileChanged { MemberId = member.Id, DisplayName = "Camille Martin", Email = "camille.martin@entreprise.test", Language = "fr" });

        await Wait.UntilAsync(async () => (await _organiser.GetFromJsonAsync<JsonElement>($"/api/events/{id}/registrations"))
            .GetProperty("items")[0].GetProperty("displayName").GetString() == "Camille Martin", "the new name to reach the list", TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Hundreds_of_simultaneous_registrations_fill_exactly_the_seats_and_queue_the_rest_in_arrival_order()
    {
        const int seats = 20, people = 200;
        var id = await NewEventAsync(capacity: seats);
        var members = Enumerable.Range(1, people).Select(i => NewMember($"Membre {i}")).ToList();

        var answers = await Task.WhenAll(members.Select(m => RegisterAsync(m, id)));

        await AssertSeatsAsync(id, answers, seats, people);
    }

    [Fact]
    public async Task A_member_clicking_many_times_at_once_holds_one_place()
    {
        var id = await NewEventAsync(capacity: 5);
        var member = NewMember("Impatient");

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => member.Client.PostAsync($"/api/events/{id}/registrations", null)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.OK }));
        var ids = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid()));
        Assert.Single(ids.Distinct());
        var counts = (await _organiser.GetFromJsonAsync<JsonElement>($"/api/events/{id}/registrations")).GetProperty("counts");
        Assert.Equal(1, counts.GetProperty("confirmed").GetInt32());
        await Wait.UntilAsync(() => Factory.Harness.Published.Select<RegistrationConfirmed>().Any(m => m.Context.Message.EventId == id),
            "the confirmation to be published", TimeSpan.FromSeconds(60));
        Assert.Single(Factory.Harness.Published.Select<RegistrationConfirmed>(), m => m.Context.Message.EventId == id);
    }

    [Fact]
    public async Task Simultaneous_cancellations_promote_each_waitlisted_member_exactly_once()
    {
        const int seats = 20, people = 60;
        var id = await NewEventAsync(capacity: seats);
        var members = Enumerable.Range(1, people).Select(i => NewMember($"Membre {i}")).ToList();
        foreach (var member in members)
        {
            await RegisterAsync(member, id);
        }

        var cancellations = await Task.WhenAll(members.Take(seats).Select(m => m.Client.DeleteAsync($"/api/events/{id}/registrations/me")));

        Assert.All(cancellations, c => Assert.Equal(HttpStatusCode.NoContent, c.StatusCode));
        var list = await AllRegistrationsAsync(id);
        Assert.Equal(members.Skip(seats).Take(seats).Select(m => m.Name), list.Where(i => i.Status == "confirmed").Select(i => i.Name));
        Assert.Equal(Enumerable.Range(1, people - 2 * seats), list.Where(i => i.Status == "waitlisted").Select(i => i.Position!.Value));
        await Wait.UntilAsync(() => Factory.Harness.Published.Select<RegistrationPromoted>().Count() >= seats, "the promotions to be published", TimeSpan.FromSeconds(60));
        var promoted = Factory.Harness.Published.Select<RegistrationPromoted>().Select(m => m.Context.Message.MemberId).ToList();
        Assert.Equal(members.Skip(seats).Take(seats).Select(m => m.Id).Order(), promoted.Order());
    }

    /// <summary>Exactly the capacity confirmed, every other one waitlisted once, positions as each was told them.</summary>
    protected async Task AssertSeatsAsync(Guid id, IReadOnlyList<JsonElement> answers, int seats, int people)
    {
        Assert.Equal(seats, answers.Count(a => a.GetProperty("status").GetString() == "confirmed"));
        var told = answers.Where(a => a.GetProperty("status").GetString() == "waitlisted")
            .ToDictionary(a => a.GetProperty("id").GetGuid(), a => a.GetProperty("position").GetInt32());
        Assert.Equal(Enumerable.Range(1, people - seats), told.Values.Order());

        var list = await AllRegistrationsAsync(id);
        Assert.Equal(seats, list.Count(i => i.Status == "confirmed"));
        // The list's waitlist order is the order in which each was told their position.
        Assert.Equal(told.OrderBy(t => t.Value).Select(t => t.Key), list.Where(i => i.Status == "waitlisted").Select(i => i.Id));
        var counts = (await _organiser.GetFromJsonAsync<JsonElement>($"/api/events/{id}/registrations")).GetProperty("counts");
        Assert.Equal((seats, people - seats), (counts.GetProperty("confirmed").GetInt32(), counts.GetProperty("waitlisted").GetInt32()));
    }

    protected sealed record Listed(Guid Id, string? Name, string Status, int? Position);

    protected async Task<List<Listed>> AllRegistrationsAsync(Guid id)
    {
        var listed = new List<Listed>();
        for (var page = 1; ; page++)
        {
            var body = await _organiser.GetFromJsonAsync<JsonElement>($"/api/events/{id}/registrations?pageSize=200&page={page}");
            listed.AddRange(body.GetProperty("items").EnumerateArray().Select(i => new Listed(
                i.GetProperty("id").GetGuid(),
                i.TryGetProperty("displayName", out var name) ? name.GetString() : null,
                i.GetProperty("status").GetString()!,
                i.TryGetProperty("position", out var position) ? position.GetInt32() : null)));
            if (listed.Count >= body.GetProperty("total").GetInt32())
            {
                return listed;
            }
        }
    }

    protected sealed record Member(Guid Id, string Name, HttpClient Client);

    protected Member NewMember(string name, string? email = null, ServiceFactory<Program>? replica = null)
    {
        var id = Guid.NewGuid();
        return new Member(id, name, As(replica ?? Factory, _authority.Token("member", subject: id, name: name, email: email)));
    }

    protected static async Task<JsonElement> RegisterAsync(Member member, Guid id)
    {
        var response = await member.Client.PostAsync($"/api/events/{id}/registrations", null);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{member.Name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    protected async Task<Guid> NewEventAsync(
        int capacity, string extra = "", string startsAt = "2030-12-03T09:00", string endsAt = "2030-12-03T12:00", string title = "Réemploi des matériaux")
    {
        var response = await _organiser.PostAsync("/api/events", new StringContent($$"""
            {"title":{"fr":"{{title}}","en":"Reuse of building materials"},"kind":"round-table","themes":["building-materials"],
             "startsAt":"{{startsAt}}","endsAt":"{{endsAt}}","municipality":"Liévin","capacity":{{capacity}}{{extra}}}
            """, Encoding.UTF8, "application/json"));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task ChangeCapacityAsync(Guid id, int capacity)
    {
        var read = await _organiser.GetAsync($"/api/events/{id}");
        var change = new HttpRequestMessage(HttpMethod.Put, $"/api/events/{id}")
        {
            Content = new StringContent($$"""
                {"title":{"fr":"Réemploi des matériaux","en":"Reuse of building materials"},"kind":"round-table","themes":["building-materials"],
                 "startsAt":"2030-12-03T09:00","endsAt":"2030-12-03T12:00","municipality":"Liévin","capacity":{{capacity}}}
                """, Encoding.UTF8, "application/json"),
        };
        change.Headers.IfMatch.Add(read.Headers.ETag!);
        var changed = await _organiser.SendAsync(change);
        Assert.True(changed.StatusCode == HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());
    }

    private async Task<List<string>> MyTitlesAsync(Member member, string when)
    {
        var page = await member.Client.GetFromJsonAsync<JsonElement>($"/api/events/registrations/me?when={when}");
        return page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("event").GetProperty("title").GetProperty("fr").GetString()!).ToList();
    }

    /// <summary>A waitlisted member is shown no code; the organisers' CSV does not carry it either, so ask the database's list by id.</summary>
    private async Task<string> WaitlistedCodeAsync(Member member, Guid id)
    {
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Infrastructure.EventsContext>();
        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Registrations.Where(r => r.EventId == id && r.MemberId == member.Id).Select(r => r.CheckInCode));
    }

    private static async Task<string> Detail(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;

    protected static HttpClient As(ServiceFactory<Program> factory, string token)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}

public sealed class RegistrationsApiOnSqliteTests : RegistrationsApiTests
{
    protected override Task<string?> CreateDatabaseAsync() => Task.FromResult<string?>(null);
}

public sealed class RegistrationsApiOnPostgresTests(PostgresFixture postgres) : RegistrationsApiTests, IClassFixture<PostgresFixture>
{
    protected override async Task<string?> CreateDatabaseAsync() => await postgres.CreateDatabaseAsync();

    [Fact]
    public async Task Two_replicas_on_one_database_never_overbook()
    {
        const int seats = 25, people = 200;
        await using var second = NewReplica();
        var id = await NewEventAsync(capacity: seats);
        var members = Enumerable.Range(1, people).Select(i => NewMember($"Membre {i}", replica: i % 2 == 0 ? second : Factory)).ToList();

        var answers = await Task.WhenAll(members.Select(m => RegisterAsync(m, id)));

        await AssertSeatsAsync(id, answers, seats, people);
    }
}
