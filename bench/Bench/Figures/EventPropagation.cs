using System.Collections.Concurrent;
using System.Diagnostics;
using CircularPlatform.Bench.Measure;
using CircularPlatform.Bench.Platform;
using CircularPlatform.Bench.Report;
using static CircularPlatform.Bench.Report.BenchReport;

namespace CircularPlatform.Bench.Figures;

/// <summary>
/// Figure 3: events scheduled through the gateway at a fixed rate (open loop: each request leaves
/// at its time whatever the answers before it), and the delay until Notifications stored the
/// announcement: from the moment the request left here to the announcement's own timestamp
/// (one machine, one clock). The backlog (accepted, not yet announced) is sampled meanwhile.
/// </summary>
public static class EventPropagation
{
    public sealed record RateFigures(int Rate, int Scheduled, int Announced, Distribution DelayMs, double BacklogStart, double BacklogEnd, int BacklogMax, double ScheduleP99Ms);

    public static async Task<IReadOnlyList<RateFigures>> RunAsync(PlatformSession platform, BenchSizes sizes, BenchReport report)
    {
        var results = new List<RateFigures>();
        foreach (var rate in sizes.PropagationRates)
        {
            results.Add(await RunAtAsync(platform, rate, sizes.PropagationDuration));
        }
        report.Record("eventPropagation", results);
        foreach (var r in results)
        {
            var complete = r.Announced == r.Scheduled;
            report.Add($"3. scheduled → announced at {r.Rate}/s for {Number(sizes.PropagationDuration.TotalSeconds)} s ({r.Scheduled} events)",
                $"p50 {Number(r.DelayMs.P50, 1)} ms, p95 {Number(r.DelayMs.P95, 1)} ms, p99 {Number(r.DelayMs.P99, 1)} ms, max {Number(r.DelayMs.Max, 1)} ms" +
                (complete ? "" : $"; **{r.Scheduled - r.Announced} never announced**"),
                r.Rate == 200 ? "p50 ≤ 20 ms, p99 ≤ 100 ms" : "",
                r.Rate == 200 ? complete && r.DelayMs.P50 <= 20 && r.DelayMs.P99 <= 100 : null);
            // No growth: the backlog of the last fifth of the run is not above the first fifth's by more than 50 ms worth of events.
            var allowance = Math.Max(1, r.Rate * 0.05);
            report.Add($"3. backlog at {r.Rate}/s (accepted, not yet announced): first fifth → last fifth of the run, max",
                $"{Number(r.BacklogStart, 1)} → {Number(r.BacklogEnd, 1)}, max {r.BacklogMax}",
                $"no growth (≤ +{Number(allowance, 0)})", r.BacklogEnd <= r.BacklogStart + allowance);
        }
        return results;
    }

    private static async Task<RateFigures> RunAtAsync(PlatformSession platform, int rate, TimeSpan duration)
    {
        var token = await platform.AdminTokenAsync();
        var baseline = await platform.AnnouncementCountAsync();
        var total = (int)Math.Round(rate * duration.TotalSeconds);
        var sent = new DateTimeOffset[total];
        var answeredMs = new double[total];
        var ids = new Guid[total];
        var accepted = 0;
        var backlog = new ConcurrentQueue<(double At, int Waiting)>();
        using var stopSampling = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var sampler = Task.Run(async () =>
        {
            while (!stopSampling.IsCancellationRequested)
            {
                var announced = await platform.AnnouncementCountAsync() - baseline;
                backlog.Enqueue((clock.Elapsed.TotalSeconds, Volatile.Read(ref accepted) - announced));
                try
                {
                    await Task.Delay(250, stopSampling.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        });

        var run = $"{rate}/s-{Guid.NewGuid():N}"[..12];
        var requests = new Task[total];
        var interval = Stopwatch.Frequency / (double)rate;
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < total; i++)
        {
            var due = start + (long)(i * interval);
            while (Stopwatch.GetTimestamp() is var now && now < due)
            {
                var waitMs = (due - now) * 1000.0 / Stopwatch.Frequency;
                if (waitMs > 2)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(waitMs - 1));
                }
                else
                {
                    Thread.SpinWait(50);
                }
            }
            var n = i;
            sent[n] = DateTimeOffset.UtcNow;
            requests[n] = Task.Run(async () =>
            {
                var timer = Stopwatch.StartNew();
                ids[n] = await Scheduling.ScheduleAsync(platform.Http, token, n, run);
                answeredMs[n] = timer.Elapsed.TotalMilliseconds;
                Interlocked.Increment(ref accepted);
            });
        }
        await Task.WhenAll(requests);
        var scheduledFor = clock.Elapsed.TotalSeconds;
        await Announcements.WaitForCountAsync(platform, baseline + total, TimeSpan.FromMinutes(2));
        await stopSampling.CancelAsync();
        await sampler;

        var announcedAt = await Announcements.AnnouncedAtAsync(platform.Http, ids);
        var delays = ids.Select((id, n) => announcedAt.TryGetValue(id, out var at) ? (at - sent[n]).TotalMilliseconds : double.NaN)
            .Where(d => !double.IsNaN(d));
        var during = backlog.Where(s => s.At <= scheduledFor).ToList();
        var fifth = Math.Max(1, during.Count / 5);
        double Mean(IEnumerable<(double At, int Waiting)> samples) => samples.Select(s => (double)s.Waiting).DefaultIfEmpty(0).Average();
        var figures = new RateFigures(rate, total, announcedAt.Count, Distribution.Of(delays),
            Mean(during.Take(fifth)), Mean(during.TakeLast(fifth)), during.Select(s => s.Waiting).DefaultIfEmpty(0).Max(),
            Distribution.Of(answeredMs).P99);
        Console.WriteLine($"  {rate}/s: {figures.Announced}/{total} announced, delay p50 {figures.DelayMs.P50:N1} ms p99 {figures.DelayMs.P99:N1} ms, backlog {figures.BacklogStart:N1} → {figures.BacklogEnd:N1}");
        return figures;
    }
}
