using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace CircularPlatform.Bench.Load;

/// <summary>One wrk run: requests/s and latency percentiles, as wrk's own Lua hook reports them.</summary>
public sealed record WrkResult(
    string Side, string Url, long Requests, double Seconds, long Errors, long NotSuccessful,
    double P50Ms, double P90Ms, double P99Ms, double MaxMs, double P95Ms = double.NaN)
{
    public double RequestsPerSecond => Requests / Seconds;
}

/// <summary>
/// Debian's wrk, closed-loop: a fixed number of connections each sending its next request as soon
/// as the previous one is answered. Its <c>done</c> hook prints one JSON line with the figures.
/// </summary>
public sealed class Wrk(Placement placement) : IDisposable
{
    private const string Marker = "WRK_JSON ";

    private const string Script = """
        done = function(summary, latency, requests)
          local e = summary.errors
          io.write(string.format('WRK_JSON {"requests":%d,"duration_us":%d,"errors":%d,"status":%d,"p50":%d,"p90":%d,"p95":%d,"p99":%d,"max":%d}\n',
            summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
            latency:percentile(50), latency:percentile(90), latency:percentile(95), latency:percentile(99), latency.max))
        end
        """;

    private readonly string _script = WriteScript(Script, "");

    private static string WriteScript(string script, string name)
    {
        var path = Path.Combine(Path.GetTempPath(), $"circular-bench-{Environment.ProcessId}{name}.lua");
        File.WriteAllText(path, script);
        return path;
    }

    /// <summary>
    /// One run; with <paramref name="paths"/>, each request asks the next of them in turn (on the
    /// host of <paramref name="url"/>), a mix instead of one address.
    /// </summary>
    public async Task<WrkResult> RunAsync(string side, Uri url, int connections, TimeSpan duration, IReadOnlyList<string>? paths = null)
    {
        var seconds = Math.Max(1, (int)Math.Round(duration.TotalSeconds));
        var script = paths is null ? _script : WriteScript(MixScript(paths), "-mix");
        var start = placement.LoadGenerator("wrk",
            "-t1", "-c" + connections.ToString(CultureInfo.InvariantCulture), "-d" + seconds.ToString(CultureInfo.InvariantCulture) + "s",
            "--timeout", "10s", "-s", script, url.ToString());
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start.");
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith(Marker, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"wrk printed no figures for {url} (exit {process.ExitCode}):\n{output}\n{errors}");
        var json = JsonDocument.Parse(line[Marker.Length..]).RootElement;
        static double Ms(JsonElement json, string name) => json.GetProperty(name).GetDouble() / 1000.0;
        return new WrkResult(side, url.ToString(),
            json.GetProperty("requests").GetInt64(),
            json.GetProperty("duration_us").GetDouble() / 1_000_000.0,
            json.GetProperty("errors").GetInt64(),
            json.GetProperty("status").GetInt64(),
            Ms(json, "p50"), Ms(json, "p90"), Ms(json, "p99"), Ms(json, "max"), Ms(json, "p95"));
    }

    /// <summary>The figures' script with a request hook that goes round the paths (Lua strings: quotes and backslashes escaped).</summary>
    private static string MixScript(IReadOnlyList<string> paths) =>
        "local paths = {" + string.Join(", ", paths.Select(p => "\"" + p.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"")) + "}\n" +
        "local turn = 0\n" +
        "request = function()\n  turn = turn % #paths + 1\n  return wrk.format(\"GET\", paths[turn])\nend\n" +
        Script;

    /// <summary>
    /// Loads <paramref name="url"/> in runs of <paramref name="chunk"/> until two runs in a row agree
    /// within 5 % after at least <paramref name="minimum"/> (or <paramref name="limit"/> has passed),
    /// and returns the runs. On one loaded core the runtime takes a minute or more to move the hot
    /// methods of EF Core, SQLite and YARP (not precompiled) to optimised code, so a fixed few
    /// seconds of warm-up measured unoptimised code; and on a process's first load two runs can
    /// agree while both are still slow, hence the minimum.
    /// </summary>
    public async Task<IReadOnlyList<WrkResult>> WarmUntilSteadyAsync(
        string side, Uri url, int connections, TimeSpan chunk, TimeSpan limit, TimeSpan minimum = default, IReadOnlyList<string>? paths = null)
    {
        var runs = new List<WrkResult>();
        if (chunk <= TimeSpan.Zero)
        {
            return runs;
        }
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            runs.Add(await RunAsync(side, url, connections, chunk, paths));
            if (runs.Count >= 2 && clock.Elapsed >= minimum && IsSteady(runs[^2].RequestsPerSecond, runs[^1].RequestsPerSecond))
            {
                break;
            }
        }
        var rates = string.Join(" → ", runs.Select(r => r.RequestsPerSecond.ToString("N0", CultureInfo.InvariantCulture)));
        Console.WriteLine($"  warm-up {side} {url.PathAndQuery}: {rates} req/s ({clock.Elapsed.TotalSeconds:N0} s)");
        return runs;
    }

    public static bool IsSteady(double previous, double last) =>
        previous > 0 && Math.Abs(last - previous) / previous <= 0.05;

    public void Dispose()
    {
        File.Delete(_script);
        File.Delete(_script.Replace(".lua", "-mix.lua", StringComparison.Ordinal));
    }
}
