using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CircularPlatform.ServiceDefaults.Telemetry;

/// <summary>Owns the tracer and meter providers so that what is buffered is flushed on shutdown.</summary>
internal sealed class TelemetryProviders(TracerProvider tracing, MeterProvider metrics) : IHostedService, IDisposable
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        tracing.ForceFlush(2000);
        metrics.ForceFlush(2000);
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        tracing.Dispose();
        metrics.Dispose();
    }
}
