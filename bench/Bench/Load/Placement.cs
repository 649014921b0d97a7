using System.Diagnostics;
using System.Globalization;

namespace CircularPlatform.Bench.Load;

/// <summary>
/// Where the processes run on the machine's cores. Split: the servers on CPU 0, the load
/// generators on CPU 1 (with <c>taskset</c>, every thread), so a figure is not the load generator
/// and the server fighting for one core. Shared: nothing pinned.
/// </summary>
public sealed class Placement(string mode)
{
    public const string ServerCpu = "0";
    public const string LoadCpu = "1";

    public string Mode => mode;

    public bool Split => mode == "split" && Environment.ProcessorCount >= 2;

    public string Description => Split
        ? $"servers (orchestrator, AppHost, dashboard, services, gateway, broker, database, nginx) pinned to CPU {ServerCpu}; load generators (wrk, this program) pinned to CPU {LoadCpu}"
        : $"nothing pinned: servers and load generators share the {Environment.ProcessorCount} cores";

    /// <summary>A load generator's command, pinned when split.</summary>
    public ProcessStartInfo LoadGenerator(string program, params string[] arguments)
    {
        var start = Split ? new ProcessStartInfo("taskset", ["-c", LoadCpu, program, .. arguments]) : new ProcessStartInfo(program, arguments);
        start.UseShellExecute = false;
        return start;
    }

    /// <summary>Pins running processes, all their threads, and the threads they start later.</summary>
    public void PinServers(IEnumerable<int> pids) => Pin(pids, ServerCpu);

    public void PinThisProgram() => Pin([Environment.ProcessId], LoadCpu);

    /// <summary>Gives the servers every core again (figures whose load generator needs little).</summary>
    public void ShareCoresWithServers(IEnumerable<int> pids) => Pin(pids, "0-" + (Environment.ProcessorCount - 1).ToString(CultureInfo.InvariantCulture));

    private void Pin(IEnumerable<int> pids, string cpu)
    {
        if (!Split)
        {
            return;
        }
        foreach (var pid in pids.Distinct())
        {
            using var taskset = Process.Start(new ProcessStartInfo("taskset", ["-a", "-p", "-c", cpu, pid.ToString(CultureInfo.InvariantCulture)])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            })!;
            taskset.WaitForExit();
            // A process that ended meanwhile cannot be pinned, and need not be.
        }
    }
}
