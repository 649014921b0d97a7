using System.Diagnostics;
using System.Text.RegularExpressions;
using CircularPlatform.Bench.Measure;
using CircularPlatform.Bench.Platform;
using CircularPlatform.Bench.Report;
using CircularPlatform.TestSupport;
using static CircularPlatform.Bench.Report.BenchReport;

namespace CircularPlatform.Bench.Figures;

/// <summary>
/// Figure 5: the built AppHost exactly as ./run.sh starts it (its own broker, dashboard, fresh
/// data folder), from the process start to its line "Every resource is healthy"; then SIGTERM and
/// the time until every process of the run is gone.
/// </summary>
public static partial class ColdStart
{
    public sealed record Run(double ToHealthySeconds, double ReportedSeconds, double StopSeconds, int Processes);

    public static async Task<IReadOnlyList<Run>> RunAsync(int runs, BenchReport report)
    {
        var results = new List<Run>();
        for (var i = 0; i < runs; i++)
        {
            await using var host = StopSignals.Track(await AppHostProcess.StartAsync(PlatformSession.StartTimeout));
            var processes = RunProcess.Marked(AppHostProcess.MarkerVariable, host.Marker).ToList();
            var reported = Reported().Match(host.Output) is { Success: true } m ? double.Parse(m.Groups["s"].Value, System.Globalization.CultureInfo.InvariantCulture) : double.NaN;
            var stopping = Stopwatch.StartNew();
            await host.InterruptAsync(TimeSpan.FromMinutes(1));
            var left = await ProcessTable.WaitUntilNoneAsync(AppHostProcess.MarkerVariable, host.Marker, TimeSpan.FromMinutes(1));
            var run = new Run(host.TimeToHealthy.TotalSeconds, reported, stopping.Elapsed.TotalSeconds, processes.Count);
            Console.WriteLine($"  cold start {i + 1}: healthy after {run.ToHealthySeconds:N1} s (AppHost says {run.ReportedSeconds:N1} s), {run.Processes} processes, stopped in {run.StopSeconds:N1} s{(left.Count > 0 ? $", {left.Count} left behind" : "")}");
            results.Add(run);
            StopSignals.Forget(host);
        }
        report.Record("coldStart", results);
        if (results.Count > 0)
        {
            var median = Distribution.Median(results.Select(r => r.ToHealthySeconds));
            report.Add($"5. cold start: built AppHost → every resource healthy, median of {results.Count} (runs: {string.Join(", ", results.Select(r => Number(r.ToHealthySeconds, 1) + " s"))})",
                $"{Number(median, 1)} s", "≤ 20 s", median <= 20);
            report.Add("5. SIGTERM → every process of the run gone, median", $"{Number(Distribution.Median(results.Select(r => r.StopSeconds)), 1)} s");
        }
        return results;
    }

    [GeneratedRegex(@"Every resource is healthy \(\d+ of them\), (?<s>[0-9.]+) s after the AppHost started")]
    private static partial Regex Reported();
}
