using System.Net;
using System.Text.Json;
using CircularPlatform.TestSupport;

namespace CircularPlatform.EndToEnd.Tests;

/// <summary>A platform of its own, since the test kills a service and stops everything.</summary>
public sealed class SupervisionTests
{
    [Fact]
    public async Task A_crashed_service_is_restarted_and_ctrl_c_leaves_no_process_behind()
    {
        await using var platform = await AppHostProcess.StartAsync(PlatformFixture.StartTimeout);
        var running = ProcessTable.WithEnvironmentMarker(AppHostProcess.MarkerVariable, platform.Marker);
        Assert.Contains(running, p => p.CommandLine.Contains("beam.smp", StringComparison.Ordinal));
        Assert.Contains(running, p => p.CommandLine.Contains("epmd", StringComparison.Ordinal));
        Assert.Equal(5, running.Count(p => p.CommandLine.Contains("CircularPlatform.", StringComparison.Ordinal) && p.Pid != platform.Pid));

        var events = running.Single(p => p.CommandLine.Contains("CircularPlatform.Events.dll", StringComparison.Ordinal));
        System.Diagnostics.Process.GetProcessById(events.Pid).Kill();
        await PlatformTests.EventuallyAsync(async () =>
        {
            var restarted = ProcessTable.WithEnvironmentMarker(AppHostProcess.MarkerVariable, platform.Marker)
                .Any(p => p.CommandLine.Contains("CircularPlatform.Events.dll", StringComparison.Ordinal) && p.Pid != events.Pid);
            if (!restarted)
            {
                return null;
            }
            var response = await platform.Gateway.GetAsync("/api/events");
            return response.StatusCode == HttpStatusCode.OK ? (JsonElement?)default(JsonElement) : null;
        }, platform);

        var exitCode = await platform.InterruptAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(0, exitCode);
        var left = await ProcessTable.WaitUntilNoneAsync(AppHostProcess.MarkerVariable, platform.Marker, TimeSpan.FromSeconds(10));
        Assert.True(left.Count == 0, "left behind: " + string.Join("; ", left.Select(p => $"{p.Pid} {p.CommandLine}")) + "\n" + platform.Output);
    }
}
