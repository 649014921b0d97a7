using System.Globalization;

namespace CircularPlatform.AppHost.Tests;

/// <summary>What the tests read of the machine itself, independently of the AppHost's own code.</summary>
internal static class Machine
{
    /// <summary>The first port the kernel hands to outgoing connections.</summary>
    public static int FirstEphemeralPort() =>
        int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture);

    /// <summary>The environment a process was started with, from /proc.</summary>
    public static IReadOnlyDictionary<string, string> EnvironmentOf(int pid) =>
        File.ReadAllText($"/proc/{pid}/environ")
            .Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(entry => entry.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .GroupBy(pair => pair[0], StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.First()[1], StringComparer.Ordinal);
}
