using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CircularPlatform.Contracts;
using CircularPlatform.Contracts.IntegrationEvents;
using CircularPlatform.Notifications.Infrastructure;
using CircularPlatform.Notifications.IntegrationEvents.EventHandling;
using CircularPlatform.TestSupport;
using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CircularPlatform.Notifications.Tests;

/// <summary>Facts of the other services reach the members they concern, once, on either database.</summary>
public abstract class WhoHearsWhatTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
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
    public async Task An_event_reaches_the_members_interested_in_its_themes_and_a_replay_tells_nobody_twice()
    {
        var onTheme = await JoinAsync("bio-waste");
        var everything = await JoinAsync("water");
        var otherTheme = await JoinAsync("water");
        var optedOut = await JoinAsync("bio-waste");
        var muted = await JoinAsync("bio-waste");
        var suspended = await JoinAsync("bio-waste");
        await PutPreferencesAsync(everything, allEvents: true);
        await PutPreferencesAsync(optedOut, eventAnnouncements: false);
        await PutPreferencesAsync(muted, mutedThemes: ["bio-waste"]);
        await _factory.Harness.Bus.Publish(new MemberLeft { MemberId = suspended, Reason = "suspended" });
        await Wait.UntilAsync(() => _factory.Harness.Consumed.Select<MemberLeft>().Any(), "the suspension to be known", Deadline);

        var scheduled = Scheduled(["bio-waste", "local-food"]);
        await _factory.Harness.Bus.Publish(scheduled);
        // Replayed from an error queue, under another message id.
        await _factory.Harness.Bus.Publish(scheduled, c => c.MessageId = NewId.NextGuid());
        await Wait.UntilAsync(() => _factory.Harness.GetConsumerHarness<EventScheduledConsumer>().Consumed.Select<EventScheduled>().Count() >= 2,
            "both deliveries to be consumed", Deadline);

        Assert.Equal(new[] { everything, onTheme }.Order(), (await ToldAsync($"event-announced:{scheduled.EventId}")).Order());
        var feed = await FeedAsync(onTheme);
        Assert.Equal("Nouvel événement", feed[0].GetProperty("text").GetProperty("title").GetString());
        Assert.Equal("« Compostage collectif » est au programme du club.", feed[0].GetProperty("text").GetProperty("body").GetString());
        Assert.Equal(scheduled.EventId, feed[0].GetProperty("eventId").GetGuid());
    }

    [Fact]
    public async Task A_move_or_a_cancellation_reaches_who_holds_a_seat_or_waits_whatever_their_preferences()
    {
        var seated = await JoinAsync("water");
        var waiting = await JoinAsync("water");
        var gaveUp = await JoinAsync("water");
        var notRegistered = await JoinAsync("bio-waste");
        await PutPreferencesAsync(seated, eventAnnouncements: false, registrationUpdates: false, inApp: false);
        var scheduled = Scheduled(["bio-waste"]);
        await _factory.Harness.Bus.Publish(scheduled);
        var id = scheduled.EventId;
        var (seat, wait, given) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var at = DateTimeOffset.UtcNow;
        await DeliverAsync(new RegistrationConfirmed { RegistrationId = seat, EventId = id, MemberId = seated, OccurredAt = at });
        await DeliverAsync(new RegistrationWaitlisted { RegistrationId = wait, EventId = id, MemberId = waiting, Position = 1, OccurredAt = at });
        await DeliverAsync(new RegistrationConfirmed { RegistrationId = given, EventId = id, MemberId = gaveUp, OccurredAt = at });
        await DeliverAsync(new RegistrationCancelled { RegistrationId = given, EventId = id, MemberId = gaveUp, OccurredAt = at.AddMinutes(1) });
        // A confirmation delivered again after the cancellation that followed it does not bring the place back.
        await DeliverAsync(new RegistrationConfirmed { RegistrationId = given, EventId = id, MemberId = gaveUp, OccurredAt = at });
        await Wait.UntilAsync(() => _factory.Harness.GetConsumerHarness<EventScheduledConsumer>().Consumed.Select<EventScheduled>().Any(), "the event to be known", Deadline);

        var moved = new EventRescheduled
        {
            EventId = id, Title = scheduled.Title, Sequence = 1,
            StartsAt = scheduled.StartsAt.AddDays(7), EndsAt = scheduled.EndsAt.AddDays(7), Venue = "Base 11/19, Loos-en-Gohelle",
        };
        await DeliverAsync(moved);
        Assert.Equal(new[] { seated, waiting }.Order(), (await ToldAsync($"event-rescheduled:{id}:1")).Order());

        await DeliverAsync(new EventCancelled { EventId = id, Title = scheduled.Title, Reason = "Salle indisponible" });
        Assert.Equal(new[] { seated, waiting }.Order(), (await ToldAsync($"event-cancelled:{id}")).Order());
        var cancelled = (await FeedAsync(waiting, "en"))[0].GetProperty("text");
        Assert.Equal("Event cancelled", cancelled.GetProperty("title").GetString());
        Assert.Equal("“Compost together” is cancelled. Reason: Salle indisponible", cancelled.GetProperty("body").GetString());
        // In the app although the member turned the app off: what they registered for always reaches them.
        Assert.Contains(await FeedAsync(seated), n => n.GetProperty("kind").GetString() == "event-cancelled");
        Assert.DoesNotContain(await FeedAsync(seated), n => n.GetProperty("kind").GetString() == "registration-confirmed");
        Assert.DoesNotContain(await FeedAsync(notRegistered), n => n.GetProperty("kind").GetString() is "event-rescheduled" or "event-cancelled");
    }

    [Fact]
    public async Task An_article_reaches_the_members_of_its_themes_with_its_title_but_not_its_author()
    {
        var reader = await JoinAsync("funding");
        var author = await JoinAsync("funding");
        var elsewhere = await JoinAsync("water");
        var published = new ArticlePublished
        {
            ArticleId = Guid.NewGuid(), Kind = "programme", Themes = ["funding"], AuthorId = author,
            Title = new BilingualText { Fr = "Le fonds économie circulaire de l'ADEME", En = "ADEME's circular economy fund" },
        };
        await _factory.Harness.Bus.Publish(published);
        await Wait.UntilAsync(() => _factory.Harness.Consumed.Select<ArticlePublished>().Any(), "the article to be consumed", Deadline);

        Assert.Equal([reader], await ToldAsync($"article-published:{published.ArticleId}"));
        var told = (await FeedAsync(reader, "en"))[0];
        Assert.Equal(published.ArticleId, told.GetProperty("articleId").GetGuid());
        Assert.Equal("New article on your themes: “ADEME's circular economy fund”.", told.GetProperty("text").GetProperty("body").GetString());
        Assert.DoesNotContain(await FeedAsync(elsewhere), n => n.GetProperty("kind").GetString() == "article-published");
    }

    [Fact]
    public async Task A_member_is_welcomed_once_even_when_approved_again()
    {
        var member = await JoinAsync("water");
        await _factory.Harness.Bus.Publish(Joined(member, "water", DateTimeOffset.UtcNow.AddMinutes(5)));
        await Wait.UntilAsync(() => _factory.Harness.Consumed.Select<MemberJoined>().Count(m => m.Context.Message.MemberId == member) >= 2,
            "the second approval to be consumed", Deadline);

        Assert.Equal([member], await ToldAsync("welcome", member));
    }

    [Fact]
    public async Task Preferences_are_read_and_replaced_whole_and_bad_ones_are_refused_by_field()
    {
        var member = await JoinAsync("water", "bio-waste");
        using var client = As(member);

        var defaults = await client.GetFromJsonAsync<JsonElement>("/api/notifications/me/preferences");
        Assert.True(defaults.GetProperty("email").GetBoolean());
        Assert.False(defaults.GetProperty("dailyDigest").GetBoolean());
        Assert.False(defaults.TryGetProperty("quietHours", out _));
        Assert.Equal(["water", "bio-waste"], defaults.GetProperty("interests").EnumerateArray().Select(t => t.GetString()));

        var chosen = await client.PutAsJsonAsync("/api/notifications/me/preferences", Body(dailyDigest: true, mutedThemes: ["Water"], quietHours: new { from = "21:00", until = "07:30" }));
        Assert.Equal(HttpStatusCode.OK, chosen.StatusCode);
        var read = await client.GetFromJsonAsync<JsonElement>("/api/notifications/me/preferences");
        Assert.True(read.GetProperty("dailyDigest").GetBoolean());
        Assert.Equal(["water"], read.GetProperty("mutedThemes").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("07:30", read.GetProperty("quietHours").GetProperty("until").GetString());

        var bad = await client.PutAsJsonAsync("/api/notifications/me/preferences", new
        {
            inApp = true, email = "yes", eventAnnouncements = true, registrationUpdates = true, articles = true, allEvents = false, dailyDigest = false,
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var worse = await client.PutAsJsonAsync("/api/notifications/me/preferences", new
        {
            inApp = true, eventAnnouncements = true, registrationUpdates = true, articles = true, allEvents = false, dailyDigest = false,
            mutedThemes = new[] { "textiles" }, quietHours = new { from = "25:00", until = "07:30" },
        });
        var errors = await worse.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["email", "mutedThemes[0]", "quietHours.from"], errors.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
        Assert.Equal(HttpStatusCode.Unauthorized, (await _factory.CreateClient().GetAsync("/api/notifications/me/preferences")).StatusCode);
        // Nothing refused was kept.
        Assert.True((await client.GetFromJsonAsync<JsonElement>("/api/notifications/me/preferences")).GetProperty("dailyDigest").GetBoolean());
    }

    /// <summary>
    /// One fact at a time where their order is the point: the facts of one registration racing to
    /// create its copy would meet on its key, which the broker's retries settle but this bus does not.
    /// </summary>
    private async Task DeliverAsync<T>(T fact) where T : class
    {
        var id = NewId.NextGuid();
        await _factory.Harness.Bus.Publish(fact, c => c.MessageId = id);
        await Wait.UntilAsync(() => _factory.Harness.Consumed.Select<T>(m => m.Context.MessageId == id).Any(), $"{typeof(T).Name} to be consumed", Deadline);
    }

    private async Task<Guid> JoinAsync(params string[] themes)
    {
        var member = Guid.NewGuid();
        await _factory.Harness.Bus.Publish(Joined(member, themes[0], DateTimeOffset.UtcNow.AddMinutes(-1), themes));
        await Wait.UntilAsync(async () => (await ToldAsync("welcome", member)).Count == 1, "the member to be known", Deadline);
        return member;
    }

    private static MemberJoined Joined(Guid member, string theme, DateTimeOffset at, string[]? themes = null) => new()
    {
        MemberId = member, DisplayName = "Camille", Email = $"{member:N}@recyclerie.test", Language = "fr", Role = "member",
        Themes = themes ?? [theme], OccurredAt = at,
    };

    private static object Body(bool inApp = true, bool eventAnnouncements = true, bool registrationUpdates = true, bool allEvents = false,
        bool dailyDigest = false, string[]? mutedThemes = null, object? quietHours = null) => new
    {
        inApp, email = true, eventAnnouncements, registrationUpdates, articles = true, allEvents, dailyDigest, mutedThemes = mutedThemes ?? [], quietHours,
    };

    private async Task PutPreferencesAsync(Guid member, bool inApp = true, bool eventAnnouncements = true, bool registrationUpdates = true, bool allEvents = false, string[]? mutedThemes = null)
    {
        using var client = As(member);
        var answer = await client.PutAsJsonAsync("/api/notifications/me/preferences", Body(inApp, eventAnnouncements, registrationUpdates, allEvents, mutedThemes: mutedThemes));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
    }

    /// <summary>The members told of a cause, from the database.</summary>
    private async Task<List<Guid>> ToldAsync(string cause, Guid? member = null)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsContext>();
        return await db.Notifications.Where(n => n.Cause == cause && (member == null || n.MemberId == member)).Select(n => n.MemberId).ToListAsync();
    }

    private async Task<List<JsonElement>> FeedAsync(Guid member, string lang = "fr")
    {
        using var client = As(member);
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/notifications/me?lang={lang}");
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    private HttpClient As(Guid member)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _authority.Token("member", subject: member));
        return client;
    }

    private static EventScheduled Scheduled(string[] themes) => new()
    {
        EventId = Guid.NewGuid(),
        Title = new BilingualText { Fr = "Compostage collectif", En = "Compost together" },
        Kind = EventKinds.SiteVisit,
        Themes = themes,
        StartsAt = new DateTimeOffset(2030, 12, 3, 8, 0, 0, TimeSpan.Zero),
        EndsAt = new DateTimeOffset(2030, 12, 3, 11, 0, 0, TimeSpan.Zero),
    };
}

public sealed class WhoHearsWhatOnSqliteTests : WhoHearsWhatTests
{
    protected override Task<string?> CreateDatabaseAsync() => Task.FromResult<string?>(null);
}

public sealed class WhoHearsWhatOnPostgresTests(PostgresFixture postgres) : WhoHearsWhatTests, IClassFixture<PostgresFixture>
{
    protected override async Task<string?> CreateDatabaseAsync() => await postgres.CreateDatabaseAsync();
}
