using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CircularPlatform.Contracts;
using CircularPlatform.Contracts.IntegrationEvents;
using CircularPlatform.Notifications.IntegrationEvents.EventHandling;
using CircularPlatform.TestSupport;
using MassTransit.Testing;

namespace CircularPlatform.Notifications.Tests;

/// <summary>The same API behaviour whichever database the service runs on.</summary>
public abstract class AnnouncementsTests : IAsyncLifetime
{
    private ServiceFactory<Program> _factory = null!;
    private HttpClient _client = null!;

    /// <summary>The connection string of a fresh database, or null for the default SQLite file.</summary>
    protected abstract Task<string?> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        _factory = new ServiceFactory<Program>("notificationsdb", await CreateDatabaseAsync());
        _client = _factory.CreateClient();
        await _factory.Harness.Start();
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Each_scheduled_event_is_announced_newest_first()
    {
        var first = Scheduled("Compostage collectif", new DateTimeOffset(2027, 1, 10, 8, 0, 0, TimeSpan.Zero));
        var second = Scheduled("Réemploi des matériaux", new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.Zero));

        await PublishAndWait(first);
        await PublishAndWait(second);

        var page = await _client.GetFromJsonAsync<JsonElement>("/api/notifications/announcements");
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, page.GetProperty("total").GetInt32());
        Assert.Equal([second.EventId, first.EventId], items.Select(i => i.GetProperty("eventId").GetGuid()));
        Assert.Equal("Réemploi des matériaux", items[0].GetProperty("title").GetProperty("fr").GetString());
        Assert.Equal(second.StartsAt, items[0].GetProperty("startsAt").GetDateTimeOffset());
        Assert.Equal("Liévin", items[0].GetProperty("municipality").GetString());
    }

    [Fact]
    public async Task An_event_delivered_twice_is_announced_once()
    {
        var scheduled = Scheduled("Batteries : boucles locales", new DateTimeOffset(2027, 3, 1, 8, 0, 0, TimeSpan.Zero));

        await PublishAndWait(scheduled);
        await PublishAndWait(scheduled);

        var consumer = _factory.Harness.GetConsumerHarness<EventScheduledConsumer>();
        Assert.Equal(2, consumer.Consumed.Select<EventScheduled>().Count(m => m.Context.Message.EventId == scheduled.EventId));
        var page = await _client.GetFromJsonAsync<JsonElement>("/api/notifications/announcements");
        Assert.Equal(1, page.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Paging_is_validated()
    {
        var response = await _client.GetAsync("/api/notifications/announcements?pageSize=1000");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("pageSize", out _));
    }

    private async Task PublishAndWait(EventScheduled message)
    {
        var consumer = _factory.Harness.GetConsumerHarness<EventScheduledConsumer>();
        var before = consumer.Consumed.Select<EventScheduled>().Count(m => m.Context.Message.EventId == message.EventId);
        await _factory.Harness.Bus.Publish(message);
        // The harness reports consumption once the consumer has finished, database write included.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (consumer.Consumed.Select<EventScheduled>().Count(m => m.Context.Message.EventId == message.EventId) == before)
        {
            Assert.True(DateTime.UtcNow < deadline, "the announcement was not consumed");
            await Task.Delay(20);
        }
    }

    private static EventScheduled Scheduled(string title, DateTimeOffset startsAt) => new()
    {
        EventId = Guid.NewGuid(),
        Title = new BilingualText { Fr = title },
        Kind = EventKinds.RoundTable,
        Themes = ["building-materials"],
        StartsAt = startsAt,
        EndsAt = startsAt.AddHours(3),
        Municipality = "Liévin",
    };
}

public sealed class AnnouncementsOnSqliteTests : AnnouncementsTests
{
    protected override Task<string?> CreateDatabaseAsync() => Task.FromResult<string?>(null);
}

public sealed class AnnouncementsOnPostgresTests(PostgresFixture postgres) : AnnouncementsTests, IClassFixture<PostgresFixture>
{
    protected override async Task<string?> CreateDatabaseAsync() => await postgres.CreateDatabaseAsync();
}
