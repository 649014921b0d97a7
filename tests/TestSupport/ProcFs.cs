using System.Globalization;

namespace CircularPlatform.TestSupport;

/// <summary>
/// Reads the Linux process table. Start times are kept with pids so that a pid recycled by the
/// kernel is never mistaken for a process we launched.
/// </summary>
public static class ProcFs
{
    public readonly record struct ProcessIdentity(int Pid, ulong StartTime);

    private readonly record struct Stat(int Pid, int ParentPid, char State, ulong StartTime);

    public static bool IsAlive(int pid) => TryReadStat(pid, out var stat) && stat.State != 'Z' && stat.State != 'X';

    public static bool IsAlive(ProcessIdentity process) =>
        TryReadStat(process.Pid, out var stat) && stat.StartTime == process.StartTime && stat.State != 'Z' && stat.State != 'X';

    public static ProcessIdentity? Identify(int pid) =>
        TryReadStat(pid, out var stat) ? new ProcessIdentity(pid, stat.StartTime) : null;

    /// <summary>All live descendants of <paramref name="pid"/>, children before grandchildren.</summary>
    public static IReadOnlyList<ProcessIdentity> Descendants(int pid)
    {
        var byParent = new Dictionary<int, List<Stat>>();
        foreach (var stat in AllStats())
        {
            if (!byParent.TryGetValue(stat.ParentPid, out var children))
            {
                byParent[stat.ParentPid] = children = [];
            }
            children.Add(stat);
        }

        var result = new List<ProcessIdentity>();
        var queue = new Queue<int>();
        queue.Enqueue(pid);
        while (queue.Count > 0)
        {
            if (!byParent.TryGetValue(queue.Dequeue(), out var children))
            {
                continue;
            }
            foreach (var child in children)
            {
                if (child.State is 'Z' or 'X')
                {
                    continue;
                }
                result.Add(new ProcessIdentity(child.Pid, child.StartTime));
                queue.Enqueue(child.Pid);
            }
        }
        return result;
    }

    /// <summary>Live processes whose environment holds <paramref name="key"/>=<paramref name="value"/>.</summary>
    public static IReadOnlyList<int> WithEnvironmentVariable(string key, string value)
    {
        var needle = key + "=" + value;
        return [.. AllPids().Where(pid => pid != Environment.ProcessId && IsAlive(pid) && EnvironmentEntries(pid).Contains(needle))];
    }

    /// <summary>The environment a process started with; empty when it cannot be read.</summary>
    public static IReadOnlyDictionary<string, string> EnvironmentOf(int pid)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in EnvironmentEntries(pid))
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                result.TryAdd(entry[..equals], entry[(equals + 1)..]);
            }
        }
        return result;
    }

    private static string[] EnvironmentEntries(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/environ").Split('\0');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    public static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    private static IEnumerable<int> AllPids()
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                yield return pid;
            }
        }
    }

    private static IEnumerable<Stat> AllStats()
    {
        foreach (var pid in AllPids())
        {
            if (TryReadStat(pid, out var stat))
            {
                yield return stat;
            }
        }
    }

    private static bool TryReadStat(int pid, out Stat stat)
    {
        stat = default;
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
        // The command name (field 2) may hold spaces and parentheses; fields resume after the last ')'.
        var close = text.LastIndexOf(')');
        if (close < 0)
        {
            return false;
        }
        var fields = text[(close + 2)..].Split(' ');
        if (fields.Length < 20)
        {
            return false;
        }
        stat = new Stat(
            pid,
            int.Parse(fields[1], CultureInfo.InvariantCulture),
            fields[0][0],
            ulong.Parse(fields[19], CultureInfo.InvariantCulture));
        return true;
    }
}
