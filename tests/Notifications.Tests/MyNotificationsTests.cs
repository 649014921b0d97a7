using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CircularPlatform.Contracts;
using CircularPlatform.Contracts.IntegrationEvents;
using CircularPlatform.TestSupport;
using CircularPlatform.Notifications.IntegrationEvents.EventHandling;
using MassTransit;
using MassTransit.Testing;

namespace CircularPlatform.Notifications.Tests;

/// <summary>A member's feed from the facts Events publishes, on either database.</summary>
public abstract class MyNotificationsTests : IAsyncLifetime
{
    private FakeAuthority _authority = null!;
    private ServiceFactory<Program> _factory = null!;

    protected abstract Task<string?> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        _authority = await FakeAuthority.StartAsync();
        _factory = new ServiceFactory<Program>("notificationsdb", await CreateDatabaseAsync());
        _factory.Settings["Identity:Authority"] = _authority.Url;
        _ = _factory.CreateClient();
        await _factory.Harness.Start();
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _authority.DisposeAsync();
    }

    [Fact]
    public async Task A_member_reads_what_happened_to_their_registrations_in_their_language_and_marks_it_read()
    {
        var (member, eventId, registrationId) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        using var client = As(member);
        await _factory.Harness.Bus.Publish(Scheduled(eventId));
        await _factory.Harness.Bus.Publish(new MemberJoined
        {
            MemberId = member, DisplayName = "Camille Dupont", Email = "camille@recyclerie.test", Language = "en", Role = "member",
        });
        // The member's copy and the event's are in place first (separate queues would let the registration facts overtake them).
        await Wait.UntilAsync(() => _factory.Harness.GetConsumerHarness<MemberJoinedConsumer>().Consumed.Select<MemberJoined>().Any()
            && _factory.Harness.GetConsumerHarness<EventScheduledConsumer>().Consumed.Select<EventScheduled>().Any(), "the member and the event to be known", TimeSpan.FromSeconds(60));
        await _factory.Harness.Bus.Publish(new RegistrationWaitlisted { RegistrationId = registrationId, EventId = eventId, MemberId = member, Position = 3 });
        // The two facts of one registration, one after the other: racing to create its copy, they would meet on its key (the broker's retries settle that, this bus does not).
        await Wait.UntilAsync(() => _factory.Harness.Consumed.Select<RegistrationWaitlisted>().Any(), "the waitlisting to be consumed", TimeSpan.FromSeconds(60));
        await _factory.Harness.Bus.Publish(new RegistrationPromoted { RegistrationId = registrationId, EventId = eventId, MemberId = member });

        var feed = await UntilAsync(client, "/api/notifications/me", 3);

        var items = feed.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["registration-promoted", "registration-waitlisted", "welcome"], items.Select(i => i.GetProperty("kind").GetString()).Order());
        Assert.Equal("Welcome to the club", items.Single(i => i.GetProperty("kind").GetString() == "welcome").GetProperty("text").GetProperty("title").GetString());
        var waitlisted = items.Single(i => i.GetProperty("kind").GetString() == "registration-waitlisted").GetProperty("text");
        // The member's language, English here; the event's title as Events announced it.
        Assert.Equal("en", waitlisted.GetProperty("language").GetString());
        Assert.Equal("You are number 3 on the waitlist for “Reuse of building materials”. We will tell you if a seat frees up.", waitlisted.GetProperty("body").GetString());
        var french = await client.GetFromJsonAsync<JsonElement>("/api/notifications/me?lang=fr");
        Assert.Contains(french.GetProperty("items").EnumerateArray(), i => i.GetProperty("text").GetProperty("body").GetString()!.Contains("« Réemploi des matériaux »", StringComparison.Ordinal));
        Assert.Equal(3, (await client.GetFromJsonAsync<JsonElement>("/api/notifications/me/unread-count")).GetProperty("unread").GetInt32());

        var first = items[0].GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await As(Guid.NewGuid()).PostAsync($"/api/notifications/{first}/read", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync($"/api/notifications/{first}/read", null)).StatusCode);
        var unread = await client.GetFromJsonAsync<JsonElement>("/api/notifications/me?unread=true");
        Assert.Equal(2, unread.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/notifications/me/read-all", null)).StatusCode);
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/notifications/me/unread-count")).GetProperty("unread").GetInt32());
        Assert.Equal(HttpStatusCode.Unauthorized, (await _factory.CreateClient().GetAsync("/api/notifications/me")).StatusCode);
    }

    [Fact]
    public async Task The_same_fact_replayed_under_another_message_id_tells_the_member_once()
    {
        var member = Guid.NewGuid();
        using var client = As(member);
        var confirmed = new RegistrationConfirmed { RegistrationId = Guid.NewGuid(), EventId = Guid.NewGuid(), MemberId = member };

        // A replay from an error queue or a second relay: a new message id, the same fact.
        await _factory.Harness.Bus.Publish(confirmed, c => c.MessageId = NewId.NextGuid());
        await _factory.Harness.Bus.Publish(confirmed, c => c.MessageId = NewId.NextGuid());
        await UntilAsync(client, "/api/notifications/me", 1);
        await Wait.UntilAsync(() => _factory.Harness.Consumed.Select<RegistrationConfirmed>().Count() >= 2, "both deliveries to be consumed", TimeSpan.FromSeconds(60));

        var feed = await client.GetFromJsonAsync<JsonElement>("/api/notifications/me");
        Assert.Equal(1, feed.GetProperty("total").GetInt32());
        // Not heard of the event yet: the text stays true without its title.
        Assert.Contains("cet événement", feed.GetProperty("items")[0].GetProperty("text").GetProperty("body").GetString(), StringComparison.Ordinal);
    }

    private async Task<JsonElement> UntilAsync(HttpClient client, string url, int count)
    {
        JsonElement page = default;
        await Wait.UntilAsync(async () =>
        {
            page = await client.GetFromJsonAsync<JsonElement>(url);
            return page.GetProperty("total").GetInt32() >= count;
        }, $"{count} notifications in the feed", TimeSpan.FromSeconds(60));
        return page;
    }

    private HttpClient As(Guid member)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _authority.Token("member", subject: member));
        return client;
    }

    private static EventScheduled Scheduled(Guid eventId) => new()
    {
        EventId = eventId,
        Title = new BilingualText { Fr = "Réemploi des matériaux", En = "Reuse of building materials" },
        Kind = EventKinds.RoundTable,
        Themes = ["building-materials"],
        StartsAt = new DateTimeOffset(2030, 12, 3, 8, 0, 0, TimeSpan.Zero),
        EndsAt = new DateTimeOffset(2030, 12, 3, 11, 0, 0, TimeSpan.Zero),
    };
}

public sealed class MyNotificationsOnSqliteTests : MyNotificationsTests
{
    protected override Task<string?> CreateDatabaseAsync() => Task.FromResult<string?>(null);
}

public sealed class MyNotificationsOnPostgresTests(PostgresFixture postgres) : MyNotificationsTests, IClassFixture<PostgresFixture>
{
    protected override async Task<string?> CreateDatabaseAsync() => await postgres.CreateDatabaseAsync();
}
