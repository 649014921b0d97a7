using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using CircularPlatform.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CircularPlatform.AppHost.Tests;

/// <summary>
/// Health as the start-up sees it, on a model of tiny processes under the platform's supervision:
/// a process that becomes healthy some seconds after its first check, and a stand-in gateway (a
/// static HTTP server whose <c>/health</c> the test writes) routing to a stand-in service whose
/// health the test decides.
/// </summary>
public sealed class StartupHealthFixture : IAsyncLifetime
{
    /// <summary>How long after its first check the late process becomes healthy: past Aspire's own checks at 0, 1, 3 and 6 s.</summary>
    public static readonly TimeSpan LateBy = TimeSpan.FromSeconds(7);

    private readonly TemporaryFolder _folder = new("cp-health");
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _lateFirstCheck = -1;
    private volatile bool _serviceHealthy;
    private TestAppModel? _model;

    public TestAppModel Model => _model ?? throw new InvalidOperationException("The model did not start.");

    /// <summary>When the late process became healthy, on <see cref="Now"/>'s clock; null before its first check.</summary>
    public TimeSpan? LateHealthyAt => Interlocked.Read(ref _lateFirstCheck) is var first and >= 0 ? TimeSpan.FromTicks(first) + LateBy : null;

    public TimeSpan Now => _clock.Elapsed;

    public bool ServiceHealthy { set => _serviceHealthy = value; }

    public Task GatewayReportsAsync(string status) =>
        File.WriteAllTextAsync(Path.Combine(_folder.Path, "health"), "{\"status\":\"" + status + "\"}");

    public async Task InitializeAsync()
    {
        var builder = TestAppModel.CreateBuilder();
        builder.AddPlatformSupervision();

        builder.Services.AddHealthChecks().AddCheck("late-ready", () =>
        {
            Interlocked.CompareExchange(ref _lateFirstCheck, _clock.Elapsed.Ticks, -1);
            return Now >= LateHealthyAt ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("not yet");
        });
        builder.AddExecutable("late", "/bin/sh", _folder.Path, "-c", "exec sleep 600").WithHealthCheck("late-ready");

        builder.Services.AddHealthChecks().AddCheck("service-ready", () => _serviceHealthy ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("not yet"));
        var service = builder.AddExecutable("service", "/bin/sh", _folder.Path, "-c", "exec sleep 600").WithHealthCheck("service-ready");

        await GatewayReportsAsync("Healthy");
        var port = FreePorts.Next();
        builder.AddExecutable("gateway", "/usr/bin/python3", _folder.Path, "-m", "http.server", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1")
            .WithHttpEndpoint(port: port, targetPort: port, name: "http", isProxied: false)
            .WithRoutesHealthCheck(service);

        _model = await TestAppModel.StartAsync(builder);
    }

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

public sealed class StartupHealthTests(StartupHealthFixture model) : IClassFixture<StartupHealthFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_starting_process_is_seen_healthy_within_a_second_of_becoming_so()
    {
        using var timeout = new CancellationTokenSource(Patience);
        await model.Model.App.ResourceNotifications.WaitForResourceHealthyAsync("late", timeout.Token);
        var seen = model.Now;

        // Aspire alone checks again 1, 2, 3, 4 then 5 s apart: at 0, 1, 3, 6 and 10 s, 3 s late here.
        var late = seen - model.LateHealthyAt!.Value;
        Assert.True(late < TimeSpan.FromSeconds(1.5), $"seen healthy {late.TotalSeconds:0.00} s after it became healthy");
    }

    [Fact]
    public async Task The_gateway_is_healthy_only_once_what_it_routes_to_is_and_it_says_so()
    {
        // Its /health answers Healthy, but the service behind it is not healthy.
        var waiting = await HealthAsync(status => status == HealthStatus.Degraded);
        Assert.Contains(waiting.Snapshot.HealthReports, r => r.Status == HealthStatus.Degraded && r.Description == "Not healthy yet: service.");

        // The service is healthy, but the gateway's probes have not accepted it yet.
        await model.GatewayReportsAsync("Degraded");
        model.ServiceHealthy = true;
        await model.Model.App.ResourceNotifications.WaitForResourceHealthyAsync("service");
        var unrouted = await HealthAsync(_ => true, r => r.Description?.StartsWith("The gateway reports Degraded", StringComparison.Ordinal) == true);
        Assert.Equal(HealthStatus.Degraded, unrouted.Snapshot.HealthStatus);

        await model.GatewayReportsAsync("Healthy");
        using var timeout = new CancellationTokenSource(Patience);
        await model.Model.App.ResourceNotifications.WaitForResourceHealthyAsync("gateway", timeout.Token);
    }

    private async Task<ResourceEvent> HealthAsync(Func<HealthStatus?, bool> status, Func<HealthReportSnapshot, bool>? report = null)
    {
        using var timeout = new CancellationTokenSource(Patience);
        return await model.Model.App.ResourceNotifications.WaitForResourceAsync("gateway",
            e => e.Snapshot.HealthReports.Any(r => r.Name == "gateway-routes" && r.Status is not null && (report?.Invoke(r) ?? true))
                && status(e.Snapshot.HealthStatus),
            timeout.Token);
    }
}
