using CircularPlatform.TestSupport;
using Xunit.Abstractions;

namespace CircularPlatform.Hosting.Tests;

public sealed class ExecutableResourceTests(ITestOutputHelper output) : IDisposable
{
    private readonly TemporaryFolder _folder = new("cp-host");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_resource_waits_until_what_it_waits_for_is_healthy()
    {
        var builder = TestHost.CreateBuilder(output, _folder);
        var gate = builder.AddExecutable("gate", "/bin/sh", _folder.Path, "-c", "exec sleep 300").WithHttpHealthCheck("/health");
        builder.AddExecutable("after", "/bin/sh", _folder.Path, "-c", "echo started > after.txt; exec sleep 300").WaitFor(gate);
        await using var app = builder.Build();

        var starting = app.StartAsync();
        await TestHost.WaitUntil(() => app.GetResource("gate").State == ResourceState.Starting, "gate is starting");
        // Several health probes fail meanwhile; "after" must still be held back.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal(ResourceState.Waiting, app.GetResource("after").State);
        Assert.False(File.Exists(Path.Combine(_folder.Path, "after.txt")));
        Assert.False(starting.IsCompleted);

        using var healthy = TestHost.ServeOk(app.GetEndpoint("gate").Port);
        await starting;

        Assert.True(app.GetResource("gate").IsHealthy);
        Assert.Equal(ResourceState.Running, app.GetResource("after").State);
        await TestHost.WaitUntil(() => File.Exists(Path.Combine(_folder.Path, "after.txt")), "after ran");
        healthy.Stop();
    }

    [Fact]
    public async Task A_crashing_process_is_restarted_with_growing_delays()
    {
        var builder = TestHost.CreateBuilder(output, _folder);
        builder.AddExecutable("crashy", "/bin/sh", _folder.Path, "-c", "echo run; exit 3");
        await using var app = builder.Build();

        await app.StartAsync();
        await TestHost.WaitUntil(() => app.GetResource("crashy").RestartCount >= 2 && app.GetResource("crashy").State == ResourceState.Exited, "crashy restarted twice");

        var snapshot = app.GetResource("crashy");
        Assert.Equal(3, snapshot.Replicas[0].ExitCode);
        var runs = app.GetConsoleLogEntries("crashy").Where(line => line.Text == "run").Select(line => line.Timestamp).ToList();
        Assert.True(runs.Count >= 3, $"{runs.Count} runs");
        var firstGap = runs[1] - runs[0];
        var secondGap = runs[2] - runs[1];
        Assert.True(firstGap >= TimeSpan.FromSeconds(0.9), $"first back-off {firstGap}");
        Assert.True(secondGap >= TimeSpan.FromSeconds(1.9), $"second back-off {secondGap}");
    }

    [Fact]
    public async Task Processes_receive_references_and_settings_under_aspire_names()
    {
        var builder = TestHost.CreateBuilder(
            output,
            _folder,
            "--Environment", "Staging",
            "--OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4317",
            "--ConnectionStrings:external", "Host=db.example;Database=x");
        var messaging = builder.AddConnectionString("messaging", "amqp://guest:guest@127.0.0.1:5672/");
        var external = builder.AddConnectionString("external", "ignored default");
        var api = builder.AddExecutable("api", "/bin/sh", _folder.Path, "-c", "exec sleep 300").WithHttpEndpoint().WithReplicas(2);
        builder.AddExecutable("dump", "/bin/sh", _folder.Path, "-c", "env > dump.env.tmp; mv dump.env.tmp dump.env; echo $$ > dump.pid; exec sleep 300")
            .WithReference(messaging)
            .WithReference(external)
            .WithReference(api)
            .WithEnvironment("CUSTOM", "value with spaces")
            .WaitFor(api);
        await using var app = builder.Build();

        await app.StartAsync();
        await TestHost.WaitUntil(() => File.Exists(Path.Combine(_folder.Path, "dump.pid")), "dump wrote its environment");
        var environment = TestHost.ParseEnvironment(await File.ReadAllTextAsync(Path.Combine(_folder.Path, "dump.env")));

        var apiUrls = app.GetResource("api").Urls;
        Assert.Equal(2, apiUrls.Count);
        Assert.NotEqual(apiUrls[0], apiUrls[1]);
        Assert.Equal("amqp://guest:guest@127.0.0.1:5672/", environment["ConnectionStrings__messaging"]);
        Assert.Equal("Host=db.example;Database=x", environment["ConnectionStrings__external"]);
        Assert.Equal(apiUrls[0], environment["services__api__http__0"]);
        Assert.Equal(apiUrls[1], environment["services__api__http__1"]);
        Assert.Equal("dump", environment["OTEL_SERVICE_NAME"]);
        Assert.Equal("service.instance.id=dump-0", environment["OTEL_RESOURCE_ATTRIBUTES"]);
        Assert.Equal("http://127.0.0.1:4317", environment["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        Assert.Equal("Staging", environment["ASPNETCORE_ENVIRONMENT"]);
        Assert.Equal("Staging", environment["DOTNET_ENVIRONMENT"]);
        Assert.Equal(_folder.Path, environment["DataFolder"]);
        Assert.Equal("value with spaces", environment["CUSTOM"]);
        Assert.Equal(app.RunId, environment[DistributedApplication.RunMarkerVariable]);
        Assert.False(environment.ContainsKey("ASPNETCORE_URLS"));

        // The pid shown is the process itself, not a wrapper, so signals reach the right process.
        var pid = int.Parse((await File.ReadAllTextAsync(Path.Combine(_folder.Path, "dump.pid"))).Trim());
        Assert.Equal([pid], app.GetResource("dump").Pids);
    }

    [Fact]
    public async Task Stopping_leaves_no_process_behind_even_when_one_ignores_sigterm_or_orphans_children()
    {
        var builder = TestHost.CreateBuilder(output, _folder, "--StopGracePeriodSeconds", "1");
        builder.AddExecutable("stubborn", "/bin/sh", _folder.Path, "-c", "trap '' TERM; sleep 300 & sleep 300 & wait");
        builder.AddExecutable("orphaning", "/bin/sh", _folder.Path, "-c", "sleep 300 & wait");
        builder.AddExecutable("plain", "sleep", _folder.Path, "300").WithReplicas(2);
        await using var app = builder.Build();

        await app.StartAsync();
        await TestHost.WaitUntil(
            () => ProcessTable.WithEnvironmentMarker(DistributedApplication.RunMarkerVariable, app.RunId).Count >= 7,
            "all seven processes run");

        await app.StopAsync();

        Assert.Empty(await ProcessTable.WaitUntilNoneAsync(DistributedApplication.RunMarkerVariable, app.RunId));
        Assert.All(app.Resources, resource => Assert.Equal(ResourceState.Finished, resource.State));
    }

    [Fact]
    public async Task A_process_that_cannot_be_launched_fails_the_start()
    {
        var builder = TestHost.CreateBuilder(output, _folder);
        builder.AddExecutable("missing", "/nonexistent/program", _folder.Path);
        await using var app = builder.Build();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync());

        Assert.Contains("missing", error.Message, StringComparison.Ordinal);
        Assert.Equal(ResourceState.FailedToStart, app.GetResource("missing").State);
    }

    [Fact]
    public async Task Console_output_is_captured_and_bounded()
    {
        var builder = TestHost.CreateBuilder(output, _folder);
        builder.AddExecutable("chatty", "/bin/sh", _folder.Path, "-c", "i=1; while [ $i -le 2500 ]; do echo \"line $i\"; i=$((i+1)); done; echo oops >&2; exec sleep 300");
        await using var app = builder.Build();

        await app.StartAsync();
        // stdout and stderr are read side by side, so the error line may land among the last lines.
        await TestHost.WaitUntil(
            () => app.GetConsoleLogs("chatty") is var read && read.Contains("line 2500") && read.Contains("oops"),
            "all lines are read");

        var lines = app.GetConsoleLogs("chatty");
        Assert.Equal(DistributedApplication.ConsoleLogCapacity, lines.Count);
        Assert.Contains(lines[0], new[] { "line 501", "line 502" });
        Assert.Contains(app.GetConsoleLogEntries("chatty"), line => line.IsError && line.Text == "oops");
        Assert.DoesNotContain(app.GetConsoleLogEntries("chatty"), line => !line.IsError && line.Text == "oops");
    }

    [Fact]
    public async Task A_run_kills_what_an_earlier_killed_run_left_on_the_same_data_folder()
    {
        var earlierBuilder = TestHost.CreateBuilder(output, _folder);
        earlierBuilder.AddExecutable("worker", "sleep", _folder.Path, "300");
        await using var earlier = earlierBuilder.Build();
        await earlier.StartAsync();
        var leftover = earlier.GetResource("worker").Pids.Single();

        var laterBuilder = TestHost.CreateBuilder(output, _folder);
        laterBuilder.AddExecutable("worker", "sleep", _folder.Path, "300");
        await using var later = laterBuilder.Build();
        await later.StartAsync();

        await TestHost.WaitUntil(() => !ProcessTable.IsAlive(leftover), "the earlier run's worker is gone");
        Assert.True(later.GetResource("worker").IsHealthy);
    }

    [Fact]
    public async Task Run_stops_everything_when_cancelled()
    {
        var builder = TestHost.CreateBuilder(output, _folder);
        builder.AddExecutable("worker", "sleep", _folder.Path, "300").WithReplicas(2);
        await using var app = builder.Build();
        using var cancellation = new CancellationTokenSource();

        var running = app.RunAsync(cancellation.Token);
        await app.WaitForResourceHealthyAsync("worker").WaitAsync(TimeSpan.FromSeconds(20));
        // A process just started may not have its own environment yet (forked, not yet executed).
        await TestHost.WaitUntil(
            () => ProcessTable.WithEnvironmentMarker(DistributedApplication.RunMarkerVariable, app.RunId).Count == 2,
            "both workers run with the run's marker");
        await cancellation.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ResourceState.Finished, app.GetResource("worker").State);
        Assert.Empty(await ProcessTable.WaitUntilNoneAsync(DistributedApplication.RunMarkerVariable, app.RunId));
    }

    [Fact]
    public void A_wait_cycle_is_refused_when_building()
    {
        var builder = TestHost.CreateBuilder(output, _folder);
        var a = builder.AddExecutable("a", "sleep", _folder.Path, "1");
        var b = builder.AddExecutable("b", "sleep", _folder.Path, "1").WaitFor(a);
        a.WaitFor(b);

        var error = Assert.Throws<InvalidOperationException>(builder.Build);
        Assert.Contains("cycle", error.Message, StringComparison.Ordinal);
    }
}
