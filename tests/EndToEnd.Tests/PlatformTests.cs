using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CircularPlatform.TestSupport;

namespace CircularPlatform.EndToEnd.Tests;

/// <summary>The whole platform as <c>./run.sh</c> starts it: real broker, real processes, through the gateway.</summary>
[Collection(PlatformCollection.Name)]
public sealed class PlatformTests(PlatformFixture fixture)
{
    private const string RoundTable = """
        {"title":{"fr":"Réemploi des matériaux","en":"Reuse of building materials"},
         "kind":"round-table","themes":["building-materials"],"startsAt":"2030-12-03T09:00:00+01:00",
         "endsAt":"2030-12-03T12:00:00+01:00","municipality":"Liévin","capacity":80}
        """;

    [Fact]
    public async Task A_demoted_organisers_token_is_refused_at_the_gateway_and_at_a_service_called_directly()
    {
        var platform = fixture.Platform;
        var club = new ClubSession(platform);
        var admin = await club.AdminAsync();
        var organiser = await club.NewAsync(CallerKind.Organiser, admin);
        using var throughGateway = club.Client(organiser.AccessToken);
        using var direct = new HttpClient { BaseAddress = platform.ServiceUrl("events"), Timeout = TimeSpan.FromSeconds(30) };
        direct.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", organiser.AccessToken);
        Assert.Equal(HttpStatusCode.BadRequest, (await throughGateway.PostAsJsonAsync("/api/events", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await direct.PostAsJsonAsync("/api/events", new { })).StatusCode);

        using var asAdmin = club.Client(admin.AccessToken);
        await ClubSession.EnsureAsync(await asAdmin.PutAsJsonAsync($"/api/members/{organiser.Id}/role", new { role = "member" }), HttpStatusCode.OK, "demotion");

        // The revocation crosses the broker to every process: each refuses the token once it has heard it.
        await Wait.UntilAsync(async () => (await throughGateway.PostAsJsonAsync("/api/events", new { })).StatusCode == HttpStatusCode.Unauthorized,
            "the gateway to refuse the demoted organiser's token", TimeSpan.FromMinutes(1));
        await Wait.UntilAsync(async () => (await direct.PostAsJsonAsync("/api/events", new { })).StatusCode == HttpStatusCode.Unauthorized,
            "the events service to refuse the demoted organiser's token", TimeSpan.FromMinutes(1));
        var refused = await throughGateway.GetAsync("/api/members/me");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);

        // Signed in again, the member's new token works, with the new role.
        using var again = club.Client((await club.SignInAsync(organiser.Email!, organiser.Password!)).AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/members/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await again.PostAsJsonAsync("/api/events", new { })).StatusCode);
    }

    [Fact]
    public async Task An_event_scheduled_through_the_gateway_is_announced_through_the_gateway()
    {
        var platform = fixture.Platform;
        var gateway = platform.Gateway;
        var club = new ClubSession(platform);
        using var organiser = club.Client((await club.AdminAsync()).AccessToken);

        var scheduled = await organiser.PostAsync("/api/events", new StringContent(RoundTable, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, scheduled.StatusCode);
        var eventId = (await scheduled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var announcement = await EventuallyAsync(async () =>
        {
            var page = await gateway.GetFromJsonAsync<JsonElement>("/api/notifications/announcements");
            return page.GetProperty("items").EnumerateArray()
                .Where(a => a.GetProperty("eventId").GetGuid() == eventId)
                .Select(a => (JsonElement?)a).FirstOrDefault();
        }, platform);
        Assert.Equal("Réemploi des matériaux", announcement.GetProperty("title").GetProperty("fr").GetString());
        Assert.Equal(new DateTimeOffset(2030, 12, 3, 8, 0, 0, TimeSpan.Zero), announcement.GetProperty("startsAt").GetDateTimeOffset());

        // Every service answers behind the gateway.
        var themes = await gateway.GetFromJsonAsync<JsonElement>("/api/members/themes");
        Assert.Equal(9, themes.GetProperty("total").GetInt32());
        var municipalities = await gateway.GetFromJsonAsync<JsonElement>("/api/members/municipalities");
        Assert.Equal(36, municipalities.GetProperty("total").GetInt32());
        var articles = await gateway.GetAsync("/api/knowledge/articles");
        Assert.Equal(HttpStatusCode.OK, articles.StatusCode);
        var calendar = await gateway.GetFromJsonAsync<JsonElement>("/api/events?theme=building-materials");
        Assert.Contains(calendar.GetProperty("items").EnumerateArray(), e => e.GetProperty("id").GetGuid() == eventId);
    }

    [Fact]
    public async Task A_suspended_members_seat_goes_to_the_first_of_the_waitlist_across_the_broker()
    {
        var platform = fixture.Platform;
        var club = new ClubSession(platform);
        var admin = await club.AdminAsync();
        using var asAdmin = club.Client(admin.AccessToken);
        var (suspended, waiting) = (await club.NewAsync(CallerKind.Member, admin), await club.NewAsync(CallerKind.OtherMember, admin));
        var scheduled = await asAdmin.PostAsync("/api/events", new StringContent(RoundTable.Replace("\"capacity\":80", "\"capacity\":1"), Encoding.UTF8, "application/json"));
        await ClubSession.EnsureAsync(scheduled, HttpStatusCode.Created, "scheduling a one-seat event");
        var eventId = (await scheduled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var asWaiting = club.Client(waiting.AccessToken);
        foreach (var (member, status) in new[] { (suspended, "confirmed"), (waiting, "waitlisted") })
        {
            using var client = club.Client(member.AccessToken);
            var registered = await client.PostAsync($"/api/events/{eventId}/registrations", null);
            await ClubSession.EnsureAsync(registered, HttpStatusCode.Created, "registering");
            Assert.Equal(status, (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        }

        await ClubSession.EnsureAsync(await asAdmin.PostAsJsonAsync($"/api/members/{suspended.Id}/suspend", new { reason = "démarchage commercial" }),
            HttpStatusCode.OK, "suspension");

        // Members tells Events (MemberLeft over RabbitMQ); Events frees the seat and promotes the waitlist.
        var promoted = await EventuallyAsync(async () =>
        {
            var mine = await asWaiting.GetFromJsonAsync<JsonElement>($"/api/events/{eventId}/registrations/me");
            return mine.GetProperty("status").GetString() == "confirmed" ? mine : null;
        }, platform);
        Assert.Equal(8, promoted.GetProperty("checkInCode").GetString()!.Length);
        var list = await asAdmin.GetFromJsonAsync<JsonElement>($"/api/events/{eventId}/registrations");
        var gone = list.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("memberId").GetGuid() == suspended.Id);
        Assert.Equal(("cancelled", "member-left"), (gone.GetProperty("status").GetString(), gone.GetProperty("cancelledBecause").GetString()));
    }

    [Fact]
    public async Task An_event_completed_at_Events_opens_a_feedback_draft_for_its_organiser_at_Knowledge_across_the_broker()
    {
        var platform = fixture.Platform;
        var club = new ClubSession(platform);
        var admin = await club.AdminAsync();
        var organiser = await club.NewAsync(CallerKind.Organiser, admin);
        using var asOrganiser = club.Client(organiser.AccessToken);
        // Under way: begun an hour ago, so that it may be completed now.
        var now = DateTimeOffset.UtcNow;
        var underWay = RoundTable.Replace("2030-12-03T09:00:00+01:00", now.AddHours(-1).ToString("O"))
            .Replace("2030-12-03T12:00:00+01:00", now.AddHours(1).ToString("O"));
        var created = await asOrganiser.PostAsync("/api/events", new StringContent(underWay, Encoding.UTF8, "application/json"));
        await ClubSession.EnsureAsync(created, HttpStatusCode.Created, "scheduling an event under way");
        var eventId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await ClubSession.EnsureAsync(await asOrganiser.PostAsync($"/api/events/{eventId}/complete", null), HttpStatusCode.OK, "completing it");

        var draft = await EventuallyAsync(async () =>
        {
            var mine = await asOrganiser.GetFromJsonAsync<JsonElement>("/api/knowledge/articles/mine?status=draft");
            return mine.GetProperty("items").EnumerateArray().Select(a => (JsonElement?)a).FirstOrDefault();
        }, platform);

        var article = await asOrganiser.GetFromJsonAsync<JsonElement>($"/api/knowledge/articles/{draft.GetProperty("id").GetGuid()}");
        Assert.Equal("feedback", article.GetProperty("kind").GetString());
        Assert.Equal(eventId, article.GetProperty("eventId").GetGuid());
        Assert.Equal(organiser.Id, article.GetProperty("authorId").GetGuid());
        Assert.Equal("Retour d'expérience : Réemploi des matériaux", article.GetProperty("title").GetProperty("fr").GetString());
        Assert.Contains("0 présent pour 0 inscrit confirmé", article.GetProperty("body").GetProperty("fr").GetString());
        Assert.Equal(["building-materials"], article.GetProperty("themes").EnumerateArray().Select(t => t.GetString()));
    }

    internal static async Task<JsonElement> EventuallyAsync(Func<Task<JsonElement?>> probe, IPlatform platform)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await probe() is { } found)
                {
                    return found;
                }
            }
            catch (HttpRequestException)
            {
                // The gateway may briefly have no healthy destination while a service restarts.
            }
            await Task.Delay(250);
        }
        throw new Xunit.Sdk.XunitException("It did not happen within 60 s. AppHost output:\n" + platform.Output);
    }
}
