using CircularPlatform.Bench.Load;
using CircularPlatform.Bench.Measure;
using CircularPlatform.Bench.Platform;
using CircularPlatform.Bench.Report;
using static CircularPlatform.Bench.Report.BenchReport;

namespace CircularPlatform.Bench.Figures;

/// <summary>Figure 2: the database-backed list served by the Events service directly, on each database.</summary>
public static class ServiceThroughput
{
    public const double Target = 3000;

    public static void Report(string database, double requestsPerSecond, double p99Ms, long errors, BenchReport report) =>
        report.Add($"2. Events service, `GET {GatewayOverhead.DatabaseRead}` directly, {database}",
            $"{Number(requestsPerSecond)} req/s (p99 {Number(p99Ms, 2)} ms)" + (errors > 0 ? $"; **{errors} failed requests**" : ""),
            $"≥ {Number(Target)} req/s", errors == 0 && requestsPerSecond >= Target);

    /// <summary>On a session of its own (PostgreSQL): only the direct side, in rounds, once steady.</summary>
    public static async Task RunDirectAsync(PlatformSession platform, Wrk wrk, BenchSizes sizes, BenchReport report)
    {
        var url = new Uri(platform.ServiceAddress("events"), GatewayOverhead.DatabaseRead);
        report.Record("serviceThroughput.warmup." + platform.Database,
            await wrk.WarmUntilSteadyAsync("direct", url, sizes.Connections, sizes.WarmupRun, sizes.WarmupLimit, sizes.FirstWarmupMinimum));
        var runs = new List<WrkResult>();
        for (var round = 0; round < sizes.Rounds; round++)
        {
            var run = await wrk.RunAsync("direct", url, sizes.Connections, sizes.LoadDuration);
            Console.WriteLine($"  {platform.Database} direct round {round + 1}: {run.RequestsPerSecond,8:N0} req/s  p50 {run.P50Ms:N2} ms  p99 {run.P99Ms:N2} ms");
            runs.Add(run);
        }
        report.Record("serviceThroughput." + platform.Database, runs);
        Report(platform.Database, Distribution.Median(runs.Select(r => r.RequestsPerSecond)), Distribution.Median(runs.Select(r => r.P99Ms)),
            runs.Sum(r => r.Errors + r.NotSuccessful), report);
    }
}
