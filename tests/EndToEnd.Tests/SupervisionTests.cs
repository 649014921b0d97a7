using System.Net;
using System.Text.Json;
using CircularPlatform.TestSupport;

namespace CircularPlatform.EndToEnd.Tests;

/// <summary>The built AppHost as ./run.sh runs it, since the test kills a service and stops everything with a signal.</summary>
public sealed class SupervisionTests
{
    [Fact]
    public async Task A_crashed_service_is_restarted_and_sigterm_leaves_no_process_behind()
    {
        await using var platform = await AppHostProcess.StartAsync(PlatformApp.StartTimeout);
        var running = ProcessTable.WithEnvironmentMarker(AppHostProcess.MarkerVariable, platform.Marker);
        Assert.Contains(running, p => p.CommandLine.Contains("beam.smp", StringComparison.Ordinal));
        Assert.Contains(running, p => p.CommandLine.StartsWith("epmd ", StringComparison.Ordinal));
        Assert.Contains(running, p => p.CommandLine.Contains("/dcp ", StringComparison.Ordinal));
        Assert.Contains(running, p => p.CommandLine.Contains("Aspire.Dashboard", StringComparison.Ordinal));
        var services = running.Where(p => p.CommandLine.StartsWith(Repository.Root, StringComparison.Ordinal) && p.CommandLine.Contains("/bin/", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, services.Count);

        var events = services.Single(p => p.CommandLine.Contains("CircularPlatform.Events", StringComparison.Ordinal));
        System.Diagnostics.Process.GetProcessById(events.Pid).Kill();
        await PlatformTests.EventuallyAsync(async () =>
        {
            var restarted = ProcessTable.WithEnvironmentMarker(AppHostProcess.MarkerVariable, platform.Marker)
                .Any(p => p.CommandLine.Contains("CircularPlatform.Events", StringComparison.Ordinal) && !p.CommandLine.Contains("dotnet run", StringComparison.Ordinal) && p.Pid != events.Pid);
            if (!restarted)
            {
                return null;
            }
            var response = await platform.Gateway.GetAsync("/api/events");
            return response.StatusCode == HttpStatusCode.OK ? (JsonElement?)default(JsonElement) : null;
        }, platform);
        Assert.Contains("exited with code", platform.Output, StringComparison.Ordinal);

        var exitCode = await platform.InterruptAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(0, exitCode);
        var left = await ProcessTable.WaitUntilNoneAsync(AppHostProcess.MarkerVariable, platform.Marker, TimeSpan.FromSeconds(30));
        Assert.True(left.Count == 0, "left behind: " + string.Join("; ", left.Select(p => $"{p.Pid} {p.CommandLine}")) + "\n" + platform.Output);
    }
}
