using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using CircularPlatform.Bench.Platform;
using CircularPlatform.Bench.Report;
using static CircularPlatform.Bench.Report.BenchReport;

namespace CircularPlatform.Bench.Figures;

/// <summary>
/// Figure 4: the broker stopped, events keep being accepted (each one in the Events outbox), then
/// the broker started again: how long until the relay has published them all (the outbox
/// backlog, from Events' ops status) and until Notifications has announced them all.
/// </summary>
public static class OutboxOutage
{
    public sealed record Figures(
        int Events, double AcceptSeconds, double BrokerStartSeconds, double RelayedSeconds, double AnnouncedSeconds, int BacklogAtRestart)
    {
        public double RelayEventsPerSecond => Events / RelayedSeconds;
        public double AnnouncedEventsPerSecond => Events / AnnouncedSeconds;
    }

    public static async Task<Figures> RunAsync(PlatformSession platform, BenchSizes sizes, BenchReport report)
    {
        var token = await platform.AdminTokenAsync();
        var events = platform.ServiceAddress("events");
        using var direct = Clients.Create(events);
        var baseline = await platform.AnnouncementCountAsync();

        await platform.Broker.StopAsync();
        var accepting = Stopwatch.StartNew();
        await Scheduling.ScheduleManyAsync(platform.Http, token, sizes.OutageEvents, "outage-" + Guid.NewGuid().ToString("N")[..6], concurrency: 16);
        var acceptSeconds = accepting.Elapsed.TotalSeconds;
        var backlogAtRestart = await OutboxBacklogAsync(direct, token);
        Console.WriteLine($"  {sizes.OutageEvents} events accepted with the broker stopped in {acceptSeconds:N1} s; outbox backlog {backlogAtRestart}");

        var restart = Stopwatch.StartNew();
        await platform.Broker.StartAsync();
        var brokerStart = restart.Elapsed.TotalSeconds;
        double? relayed = null;
        double? announced = null;
        var deadline = TimeSpan.FromMinutes(10);
        while (restart.Elapsed < deadline && (relayed is null || announced is null))
        {
            if (relayed is null && await OutboxBacklogAsync(direct, token) == 0)
            {
                relayed = restart.Elapsed.TotalSeconds;
            }
            if (announced is null && await platform.AnnouncementCountAsync() >= baseline + sizes.OutageEvents)
            {
                announced = restart.Elapsed.TotalSeconds;
            }
            await Task.Delay(100);
        }
        if (relayed is null || announced is null)
        {
            throw new InvalidOperationException($"After {deadline} the outbox still held events or Notifications had not announced them all.");
        }
        // Counted from the broker taking connections again: before that nothing can be published.
        var figures = new Figures(sizes.OutageEvents, acceptSeconds, brokerStart, relayed.Value - brokerStart, announced.Value - brokerStart, backlogAtRestart);
        report.Record("outboxOutage", figures);
        report.Add($"4. {sizes.OutageEvents} events accepted with the broker stopped (in {Number(acceptSeconds, 1)} s, backlog {backlogAtRestart}), broker back (healthy {Number(brokerStart, 1)} s after its start): all published by the relay",
            $"{Number(figures.RelayedSeconds, 1)} s, {Number(figures.RelayEventsPerSecond)} events/s", "≥ 1,000 events/s", figures.RelayEventsPerSecond >= 1000 && backlogAtRestart == sizes.OutageEvents);
        report.Add("4. … and all announced by Notifications", $"{Number(figures.AnnouncedSeconds, 1)} s, {Number(figures.AnnouncedEventsPerSecond)} events/s");
        return figures;
    }

    private static async Task<int> OutboxBacklogAsync(HttpClient events, string token)
    {
        using var request = PlatformSession.Authorised(HttpMethod.Get, "/ops/messaging", token);
        using var response = await events.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outbox").GetProperty("backlog").GetInt32();
    }
}
