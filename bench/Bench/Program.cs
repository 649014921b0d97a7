using System.Diagnostics;
using System.Globalization;
using CircularPlatform.Bench;
using CircularPlatform.Bench.Figures;
using CircularPlatform.Bench.Load;
using CircularPlatform.Bench.Measure;
using CircularPlatform.Bench.Platform;
using CircularPlatform.Bench.Report;
using CircularPlatform.TestSupport;
using static CircularPlatform.Bench.Report.BenchReport;

// The platform's benchmark: starts the built AppHost, loads it, and writes a table in which
// every figure is a ratio or a distribution measured in this one run (see bench/README.md).
if (!BenchOptions.TryParse(args, Repository.Root, out var options, out var problem))
{
    Console.Error.WriteLine(problem);
    return 2;
}

StopSignals.Install();
var placement = new Placement(options.Placement);
placement.PinThisProgram();
var sizes = options.Sizes;
var report = new BenchReport();
report.Notes.Add($"Machine: {Machine.Describe()}.");
report.Notes.Add($"Placement: {placement.Description} for figures 1 and 2; for figures 3 and 4 the servers use both cores (this program's load is light there).");
report.Notes.Add($"Load: wrk, 1 thread, {sizes.Connections} connections, {Number(sizes.LoadDuration.TotalSeconds)} s per run, after warming each side in {Number(sizes.WarmupRun.TotalSeconds)} s runs until two in a row agree within 5 % (at least {Number(sizes.FirstWarmupMinimum.TotalSeconds)} s for the service's first load, at most {Number(sizes.WarmupLimit.TotalSeconds)} s), {sizes.Rounds} rounds alternated direct → gateway → nginx; {sizes.SeededEvents} events stored.");
report.Notes.Add("The platform runs as ./run.sh runs it (built AppHost, dashboard and telemetry on), except that the broker is the AppHost's own RabbitMQ node run by the benchmark (so it can be stopped) and the gateway's per-client limit is raised (one load generator is one client).");
report.Record("startedAt", DateTimeOffset.UtcNow);
report.Record("commit", Git.Head());
report.Record("mode", options.Quick ? "quick" : "full");
report.Record("machine", Machine.Describe());
report.Record("placement", placement.Description);
report.Record("sizes", sizes);

var clock = Stopwatch.StartNew();
using var wrk = new Wrk(placement);
var loadSessionStart = TimeSpan.Zero;
Exception? failure = null;
try
{
    if (options.Sqlite && options.TakesAny(1, 2, 3, 4, 6, 7, 8, 9))
    {
        Console.WriteLine("Platform on SQLite: starting the built AppHost...");
        await using (var platform = await PlatformSession.StartAsync(postgres: false, report))
        {
            loadSessionStart = platform.Host.TimeToHealthy;
            Console.WriteLine($"  every resource healthy after {loadSessionStart.TotalSeconds:N1} s (broker already running)");
            placement.PinServers(platform.Processes().Select(p => p.Pid));
            await Task.Delay(TimeSpan.FromSeconds(options.Quick ? 0.5 : 5));
            var idle = MemorySampler.Snapshot(platform.Processes());
            await using var sampler = new MemorySampler(platform.Processes);

            var token = await platform.AdminTokenAsync();
            await Scheduling.ScheduleManyAsync(platform.Http, token, sizes.SeededEvents, "seed");
            await Announcements.WaitForCountAsync(platform, sizes.SeededEvents, TimeSpan.FromMinutes(2));

            if (options.TakesAny(1, 2))
            {
                Console.WriteLine("Figure 1: direct, gateway, nginx");
                var overhead = await GatewayOverhead.RunAsync(platform, wrk, placement, sizes, report);
                var read = overhead.Single(o => o.Path == GatewayOverhead.DatabaseRead).Direct;
                ServiceThroughput.Report("sqlite", read.RequestsPerSecond, read.P99Ms, read.Errors, report);
            }
            if (options.Takes(9))
            {
                Console.WriteLine("Figure 9: article search");
                await KnowledgeSearch.RunAsync(platform, wrk, sizes, report);
            }

            // Figures 3 and 4 load the platform with a few hundred requests a second from this program:
            // the servers get both cores for them, as they would without a load generator beside them.
            placement.ShareCoresWithServers(platform.Processes().Select(p => p.Pid));
            if (options.Takes(3))
            {
                Console.WriteLine("Figure 3: event propagation");
                await EventPropagation.RunAsync(platform, sizes, report);
            }
            if (options.Takes(4))
            {
                Console.WriteLine("Figure 4: outbox under a broker outage");
                await OutboxOutage.RunAsync(platform, sizes, report);
            }

            Memory.Report(idle, sampler.Peaks(), report);
            // After the memory figure: a thousand sign-ups are not the platform's usual day.
            if (options.Takes(7))
            {
                Console.WriteLine("Figure 7: registration burst");
                await RegistrationBurst.RunAsync(platform, sizes, report);
            }
            if (options.Takes(8))
            {
                Console.WriteLine("Figure 8: fan-out");
                await FanOut.RunAsync(platform, sizes, report);
            }
        }
    }

    if (options.Postgres && options.TakesAny(2, 7, 8, 9))
    {
        Console.WriteLine("Figures 2, 7, 8 and 9 on PostgreSQL: starting the built AppHost with --UsePostgres true...");
        await using var platform = await PlatformSession.StartAsync(postgres: true, report);
        placement.PinServers(platform.Processes().Select(p => p.Pid));
        if (options.Takes(2))
        {
            var token = await platform.AdminTokenAsync();
            await Scheduling.ScheduleManyAsync(platform.Http, token, sizes.SeededEvents, "seed");
            await ServiceThroughput.RunDirectAsync(platform, wrk, sizes, report);
        }
        if (options.Takes(9))
        {
            Console.WriteLine("Figure 9: article search");
            await KnowledgeSearch.RunAsync(platform, wrk, sizes, report);
        }
        if (options.TakesAny(7, 8))
        {
            placement.ShareCoresWithServers(platform.Processes().Select(p => p.Pid));
        }
        if (options.Takes(7))
        {
            Console.WriteLine("Figure 7: registration burst");
            await RegistrationBurst.RunAsync(platform, sizes, report);
        }
        if (options.Takes(8))
        {
            Console.WriteLine("Figure 8: fan-out");
            await FanOut.RunAsync(platform, sizes, report);
        }
    }

    if (sizes.ColdStarts > 0 && options.Takes(5))
    {
        // As ./run.sh starts it: on every core (what this program starts inherits its placement).
        placement.ShareCoresWithServers([Environment.ProcessId]);
        Console.WriteLine("Figure 5: cold start");
        await ColdStart.RunAsync(sizes.ColdStarts, report);
    }
    else if (options.Takes(5) && loadSessionStart > TimeSpan.Zero)
    {
        report.Add("5. cold start (quick: no runs of its own; the load session's start, broker already running)", $"{Number(loadSessionStart.TotalSeconds, 1)} s");
    }
}
catch (Exception e)
{
    // What was measured before the failure is still written, with the failure in the table's notes.
    Console.Error.WriteLine($"The benchmark failed after {clock.Elapsed.TotalSeconds:N0} s: {e}");
    report.Notes.Add($"**The run failed after {Number(clock.Elapsed.TotalSeconds)} s**: {e.GetType().Name}: {e.Message.Split('\n')[0]}");
    failure = e;
}

report.Record("seconds", clock.Elapsed.TotalSeconds);
var heading = options.Quick
    ? "Benchmark, quick sizes (the program works; the sizes are too small for the targets)"
    : $"Benchmark, {DateTimeOffset.UtcNow:yyyy-MM-dd}";
// A full-size run of some figures updates those in the latest results and keeps the others.
var (markdown, json) = await report.WriteAsync(options.OutputFolder, options.Quick ? "quick" : "latest", heading, options.Quick ? null : options.Figures);
Console.WriteLine();
Console.WriteLine(report.Markdown(heading));
Console.WriteLine($"Written: {markdown}, {json} ({clock.Elapsed.TotalSeconds:N0} s).");
return failure is null ? 0 : 1;
