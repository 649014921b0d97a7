using CircularPlatform.TestSupport;

namespace CircularPlatform.Bench.Platform;

/// <summary>One process of a run, named by what it is for the ops team.</summary>
public sealed record RunProcess(int Pid, string Role, string CommandLine)
{
    private static readonly string[] Services = ["Members", "Events", "Knowledge", "Notifications", "Gateway"];

    public static IEnumerable<RunProcess> Tree(int root, bool includeRoot)
    {
        var pids = ProcFs.Descendants(root).Select(p => p.Pid);
        foreach (var pid in includeRoot ? pids.Prepend(root) : pids)
        {
            var commandLine = ProcFs.CommandLine(pid);
            if (commandLine.Length > 0)
            {
                yield return new RunProcess(pid, RoleOf(commandLine), commandLine);
            }
        }
    }

    public static IEnumerable<RunProcess> Marked(string variable, string marker) =>
        ProcessTable.WithEnvironmentMarker(variable, marker).Select(p => new RunProcess(p.Pid, RoleOf(p.CommandLine), p.CommandLine));

    /// <summary>
    /// The service itself is the process running its dll; the orchestrator starts it through a
    /// <c>dotnet run</c> wrapper, which is counted apart.
    /// </summary>
    public static string RoleOf(string commandLine)
    {
        var program = commandLine.Split(' ')[0];
        foreach (var service in Services)
        {
            // dotnet run starts the service's native launcher; dotnet <dll> is the other way.
            if (commandLine.Contains($"CircularPlatform.{service}.dll", StringComparison.Ordinal) || program.EndsWith($"/CircularPlatform.{service}", StringComparison.Ordinal))
            {
                return service.ToLowerInvariant();
            }
            if (commandLine.Contains(" run ", StringComparison.Ordinal) && commandLine.Contains($"{service}.csproj", StringComparison.Ordinal))
            {
                return "dotnet run (" + service.ToLowerInvariant() + ")";
            }
        }
        return commandLine switch
        {
            _ when commandLine.Contains("CircularPlatform.AppHost.dll", StringComparison.Ordinal) || program.EndsWith("/CircularPlatform.AppHost", StringComparison.Ordinal) => "apphost",
            _ when commandLine.Contains("Aspire.Dashboard", StringComparison.Ordinal) => "dashboard",
            _ when commandLine.Contains("monitor-process", StringComparison.Ordinal) || commandLine.Contains("dcpproc", StringComparison.Ordinal) => "orchestrator monitor",
            _ when commandLine.Contains("/dcp ", StringComparison.Ordinal) || commandLine.EndsWith("/dcp", StringComparison.Ordinal) || commandLine.Contains("dcpctrl", StringComparison.Ordinal) => "orchestrator",
            _ when commandLine.Contains("beam.smp", StringComparison.Ordinal) || commandLine.Contains("epmd", StringComparison.Ordinal) || commandLine.Contains("erl_child_setup", StringComparison.Ordinal) || commandLine.Contains("inet_gethost", StringComparison.Ordinal) => "broker",
            _ when commandLine.Contains("postgres", StringComparison.Ordinal) => "postgres",
            _ => "other: " + Path.GetFileName(commandLine.Split(' ')[0]),
        };
    }

    /// <summary>The processor time the process has used, user and kernel (utime and stime of /proc/pid/stat), or null once it is gone.</summary>
    public TimeSpan? CpuTime()
    {
        try
        {
            var text = File.ReadAllText($"/proc/{Pid}/stat");
            // Fields resume after the command name's last ')': state is field 3, utime 14, stime 15.
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / (double)ClockTicksPerSecond);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>USER_HZ, the unit of /proc's times: 100 on every Linux the platform runs on.</summary>
    private const int ClockTicksPerSecond = 100;

    /// <summary>Resident memory in bytes (VmRSS), or null once the process is gone.</summary>
    public long? ResidentBytes()
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Gone.
        }
        return null;
    }
}
