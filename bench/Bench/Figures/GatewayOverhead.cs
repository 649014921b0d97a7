using CircularPlatform.Bench.Load;
using CircularPlatform.Bench.Measure;
using CircularPlatform.Bench.Platform;
using CircularPlatform.Bench.Report;
using static CircularPlatform.Bench.Report.BenchReport;

namespace CircularPlatform.Bench.Figures;

/// <summary>
/// Figure 1 (and 2 on SQLite): the same requests to the Events service directly, through the
/// gateway and through nginx, alternated round by round (direct, gateway, nginx, direct, ...)
/// so that drift of the machine hits every side alike.
/// </summary>
public static class GatewayOverhead
{
    public const string DatabaseRead = "/api/events?pageSize=20";
    public const string Trivial = "/api/events/kinds";

    public sealed record Side(string Name, double RequestsPerSecond, double P50Ms, double P99Ms, long Errors, IReadOnlyList<WrkResult> Runs);

    public sealed record EndpointFigures(string Path, Side Direct, Side Gateway, Side Nginx)
    {
        public double GatewayRatio => Gateway.RequestsPerSecond / Direct.RequestsPerSecond;
        public double NginxRatio => Nginx.RequestsPerSecond / Direct.RequestsPerSecond;
        public double GatewayAddedP99Ms => Gateway.P99Ms - Direct.P99Ms;
        public double NginxAddedP99Ms => Nginx.P99Ms - Direct.P99Ms;
    }

    public static async Task<IReadOnlyList<EndpointFigures>> RunAsync(PlatformSession platform, Wrk wrk, Placement placement, BenchSizes sizes, BenchReport report)
    {
        var direct = platform.ServiceAddress("events");
        await using var nginx = await NginxProxy.StartAsync(direct);
        placement.PinServers(nginx.Pids());
        var sides = new (string Name, Uri Base)[] { ("direct", direct), ("gateway", platform.Gateway), ("nginx", nginx.Address) };
        var results = new List<EndpointFigures>();
        foreach (var path in new[] { DatabaseRead, Trivial })
        {
            // Warm every side until it is steady: JIT tiers, connection pools, the database's pages.
            // The gateway first, as its requests warm the service too.
            var warmups = new Dictionary<string, IReadOnlyList<WrkResult>>();
            foreach (var (name, baseAddress) in sides.OrderBy(s => s.Name == "gateway" ? 0 : 1))
            {
                var first = path == DatabaseRead && name == "gateway";
                warmups[name] = await wrk.WarmUntilSteadyAsync(name, new Uri(baseAddress, path), sizes.Connections, sizes.WarmupRun, sizes.WarmupLimit,
                    first ? sizes.FirstWarmupMinimum : TimeSpan.Zero);
            }
            report.Record("gatewayOverhead.warmup." + (path == DatabaseRead ? "databaseRead" : "trivial"), warmups);
            var runs = sides.ToDictionary(s => s.Name, _ => new List<WrkResult>());
            for (var round = 0; round < sizes.Rounds; round++)
            {
                foreach (var (name, baseAddress) in sides)
                {
                    var run = await wrk.RunAsync(name, new Uri(baseAddress, path), sizes.Connections, sizes.LoadDuration);
                    Console.WriteLine($"  {path} {name,-8} round {round + 1}: {run.RequestsPerSecond,8:N0} req/s  p50 {run.P50Ms:N2} ms  p99 {run.P99Ms:N2} ms  errors {run.Errors + run.NotSuccessful}");
                    runs[name].Add(run);
                }
            }
            Side Summarise(string name) => new(name,
                Distribution.Median(runs[name].Select(r => r.RequestsPerSecond)),
                Distribution.Median(runs[name].Select(r => r.P50Ms)),
                Distribution.Median(runs[name].Select(r => r.P99Ms)),
                runs[name].Sum(r => r.Errors + r.NotSuccessful),
                runs[name]);
            results.Add(new EndpointFigures(path, Summarise("direct"), Summarise("gateway"), Summarise("nginx")));
        }
        report.Record("gatewayOverhead", results);

        foreach (var figures in results)
        {
            var label = figures.Path == DatabaseRead ? "database-backed read" : "trivial";
            var errors = figures.Direct.Errors + figures.Gateway.Errors + figures.Nginx.Errors;
            var sidesText = $"direct {Number(figures.Direct.RequestsPerSecond)} req/s (p50 {Number(figures.Direct.P50Ms, 2)} / p99 {Number(figures.Direct.P99Ms, 2)} ms), " +
                $"gateway {Number(figures.Gateway.RequestsPerSecond)} ({Number(figures.Gateway.P50Ms, 2)} / {Number(figures.Gateway.P99Ms, 2)} ms), " +
                $"nginx {Number(figures.Nginx.RequestsPerSecond)} ({Number(figures.Nginx.P50Ms, 2)} / {Number(figures.Nginx.P99Ms, 2)} ms)" +
                (errors > 0 ? $"; **{errors} failed requests**" : "");
            report.Add($"1. `GET {figures.Path}` ({label}): the three sides, medians of {figures.Direct.Runs.Count} rounds", sidesText);
            var ratioTarget = figures.Path == DatabaseRead ? 0.85 : 0.45;
            report.Add($"1. {label}: gateway / direct", Number(figures.GatewayRatio, 2), $"≥ {Number(ratioTarget, 2)}", errors == 0 && figures.GatewayRatio >= ratioTarget);
            report.Add($"1. {label}: nginx / direct", Number(figures.NginxRatio, 2));
            report.Add($"1. {label}: gateway as close to direct as nginx", $"{Number(figures.GatewayRatio, 2)} vs {Number(figures.NginxRatio, 2)}",
                "gateway ≥ nginx − 0.05", errors == 0 && figures.GatewayRatio >= figures.NginxRatio - 0.05);
            report.Add($"1. {label}: p99 added by the gateway (nginx: {Number(figures.NginxAddedP99Ms, 2)} ms)", $"{Number(figures.GatewayAddedP99Ms, 2)} ms", "≤ 1 ms",
                errors == 0 && figures.GatewayAddedP99Ms <= 1.0);
        }
        return results;
    }
}
