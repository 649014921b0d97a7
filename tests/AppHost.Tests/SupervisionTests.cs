using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using CircularPlatform.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace CircularPlatform.AppHost.Tests;

/// <summary>
/// An app model of tiny shell processes under the platform's supervision: one that crashes, one
/// that ends well, one stopped on purpose, a dependency that fails with one waiting for it, and a
/// healthy process for the start-up report.
/// </summary>
public sealed class SupervisedModelFixture : IAsyncLifetime
{
    private readonly TemporaryFolder _folder = new("cp-sup");
    private TestAppModel? _model;

    public CapturedOutput Log { get; } = new();

    public TestAppModel Model => _model ?? throw new InvalidOperationException("The model did not start.");

    public string CrasherRuns => Path.Combine(_folder.Path, "crasher.runs");

    public string FinisherRuns => Path.Combine(_folder.Path, "finisher.runs");

    public string StoppableRuns => Path.Combine(_folder.Path, "stoppable.runs");

    public async Task InitializeAsync()
    {
        var builder = TestAppModel.CreateBuilder();
        builder.Services.AddLogging(logging => logging
            .AddProvider(new TestOutputLoggerProvider(Log))
            .AddFilter<TestOutputLoggerProvider>(null, LogLevel.Information));
        builder.AddPlatformSupervision();

        // The crasher's first run waits for the model to be up, so that its delays are not measured in the start's rush.
        var go = Path.Combine(_folder.Path, "go");
        Shell(builder, "crasher", $"until [ -e '{go}' ]; do sleep 0.1; done; {Record(CrasherRuns)}; exit 3").WithRestartOnCrash();
        Shell(builder, "finisher", $"{Record(FinisherRuns)}; exit 0").WithRestartOnCrash();
        // exec: the dashboard's stop signals sleep itself, as it signals a service.
        Shell(builder, "stoppable", $"{Record(StoppableRuns)}; exec sleep 600").WithRestartOnCrash();
        var broken = Shell(builder, "broken", "echo 'no configuration' >&2; exit 1");
        Shell(builder, "dependent", "exec sleep 600").WaitFor(broken);

        builder.Services.AddHealthChecks().AddCheck("sleeper-runs", () => HealthCheckResult.Healthy());
        Shell(builder, "sleeper", "exec sleep 600").WithHealthCheck("sleeper-runs");

        _model = await TestAppModel.StartAsync(builder, "sleeper");
        await File.WriteAllTextAsync(go, "");
    }

    /// <summary>The nanosecond clock at each start of a process, in order.</summary>
    public static IReadOnlyList<long> Starts(string runs) =>
        File.Exists(runs) ? [.. File.ReadAllLines(runs).Where(l => l.Length > 0).Select(l => long.Parse(l, CultureInfo.InvariantCulture))] : [];

    private static string Record(string runs) => $"date +%s%N >> '{runs}'";

    private IResourceBuilder<ExecutableResource> Shell(IDistributedApplicationBuilder builder, string name, string script) =>
        builder.AddExecutable(name, "/bin/sh", _folder.Path, "-c", script);

    public async Task DisposeAsync()
    {
        try
        {
            if (_model is not null)
            {
                await _model.DisposeAsync();
            }
        }
        finally
        {
            _folder.Dispose();
        }
    }
}

public sealed class SupervisionTests(SupervisedModelFixture model) : IClassFixture<SupervisedModelFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_process_that_crashes_is_started_again_after_longer_and_longer_delays()
    {
        await CrasherStartedAsync(times: 3);

        var starts = SupervisedModelFixture.Starts(model.CrasherRuns);
        var (first, second) = (Gap(starts, 0), Gap(starts, 1));
        Assert.True(first >= TimeSpan.FromSeconds(0.9), $"started again {first.TotalSeconds:0.00} s after the first crash, before the 1 s back-off");
        // Lower bounds only: a restart never comes before its delay; a busy machine makes any later,
        // so comparing the two measured gaps would compare the machine's load.
        Assert.True(second >= TimeSpan.FromSeconds(1.9), $"started again {second.TotalSeconds:0.00} s after the second crash, before the 2 s back-off");
        Assert.Contains(model.Log.Lines, l => l.Contains("exited with code 3; starting it again in 1 s (crash 1 in a row)", StringComparison.Ordinal));
        Assert.Contains(model.Log.Lines, l => l.Contains("exited with code 3; starting it again in 2 s (crash 2 in a row)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_process_that_ends_with_0_is_not_started_again()
    {
        await CrasherStartedAsync(times: 3);

        Assert.Single(SupervisedModelFixture.Starts(model.FinisherRuns));
        Assert.DoesNotContain(model.Log.Lines, l => l.Contains("finisher", StringComparison.Ordinal) && l.Contains("starting it again", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_process_stopped_from_the_dashboard_stays_stopped()
    {
        await Wait.UntilAsync(() => SupervisedModelFixture.Starts(model.StoppableRuns).Count == 1, "stoppable has started", Patience);
        await model.Model.CommandAsync("stoppable", KnownResourceCommands.StopCommand);
        var crasherStarts = SupervisedModelFixture.Starts(model.CrasherRuns).Count;

        // A restart would come after 1 s; by the crasher's next start (2 s or more) it would have come.
        await CrasherStartedAsync(times: Math.Max(crasherStarts + 1, 3));
        Assert.True(SupervisedModelFixture.Starts(model.StoppableRuns).Count == 1, "stoppable was started again after its stop:\n" + model.Log.Text);
    }

    [Fact]
    public async Task A_failed_dependency_is_reported_at_once_naming_it_and_who_waits_for_it()
    {
        await Wait.UntilAsync(() => model.Log.Lines.Any(l => l.Contains("cannot start yet", StringComparison.Ordinal)),
            "the start-up report says who cannot start", Patience);

        var line = Assert.Single(model.Log.Lines, l => l.Contains("cannot start yet", StringComparison.Ordinal));
        Assert.Matches(@"dependent cannot start yet: broken(-\w+)? exited with code 1\.", line);
    }

    [Fact]
    public async Task The_start_up_report_says_once_that_every_resource_is_healthy()
    {
        await Wait.UntilAsync(() => model.Log.Lines.Any(l => l.Contains("Every resource is healthy", StringComparison.Ordinal)),
            "the start-up report says every resource is healthy", Patience);
        // A later stop and start of the healthy process does not say it again.
        await model.Model.CommandAsync("sleeper", KnownResourceCommands.StopCommand);
        await model.Model.CommandAsync("sleeper", KnownResourceCommands.StartCommand);
        await CrasherStartedAsync(times: 3);

        var line = Assert.Single(model.Log.Lines, l => l.Contains("Every resource is healthy", StringComparison.Ordinal));
        Assert.Matches(@"Every resource is healthy \(1 of them\), \d+\.\d s after the AppHost started\. Public entry: $", line);
    }

    private Task CrasherStartedAsync(int times) =>
        Wait.UntilAsync(() => SupervisedModelFixture.Starts(model.CrasherRuns).Count >= times, $"the crasher has started {times} times", Patience);

    private static TimeSpan Gap(IReadOnlyList<long> starts, int index) => TimeSpan.FromTicks((starts[index + 1] - starts[index]) / 100);
}
