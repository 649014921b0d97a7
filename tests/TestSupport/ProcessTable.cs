namespace CircularPlatform.TestSupport;

public sealed record ProcessEntry(int Pid, string CommandLine);

/// <summary>
/// Finds processes by a variable in their environment. Children inherit the environment, so a
/// marker given to a launched process also finds everything it started — the way to assert that
/// nothing was left behind.
/// </summary>
public static class ProcessTable
{
    public static IReadOnlyList<ProcessEntry> WithEnvironmentMarker(string key, string value) =>
        [.. ProcFs.WithEnvironmentVariable(key, value).Select(pid => new ProcessEntry(pid, ProcFs.CommandLine(pid)))];

    public static bool IsAlive(int pid) => ProcFs.IsAlive(pid);

    /// <summary>
    /// The service process itself behind a project resource's pid: the AppHost starts the built
    /// program, which is that pid; where Aspire's default <c>dotnet run</c> wrapper runs instead
    /// (no build recorded), the service is its child. A crash is simulated on the service.
    /// </summary>
    public static int ServiceProcess(int runnerPid) =>
        ProcFs.Descendants(runnerPid).Select(p => p.Pid).FirstOrDefault(pid => ProcFs.CommandLine(pid).Contains("CircularPlatform.", StringComparison.Ordinal)) is var pid and > 0
            ? pid
            : runnerPid;

    /// <summary>
    /// Polls until no process carries the marker, so a test does not race the last exits; returns
    /// what is still there when <paramref name="timeout"/> passes.
    /// </summary>
    public static async Task<IReadOnlyList<ProcessEntry>> WaitUntilNoneAsync(string key, string value, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(5));
        while (true)
        {
            var left = WithEnvironmentMarker(key, value);
            if (left.Count == 0 || DateTime.UtcNow > deadline)
            {
                return left;
            }
            await Task.Delay(100).ConfigureAwait(false);
        }
    }
}
