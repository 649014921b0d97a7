using Microsoft.Extensions.Diagnostics.HealthChecks;
using RabbitMQ.Client;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// Healthy when the node accepts an AMQP login. One connection is kept and reused, so the broker's
/// log does not fill with a connection every check; a closed one is replaced.
/// </summary>
internal sealed class AmqpHealthCheck(Uri uri) : IHealthCheck, IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _connection;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_connection is { IsOpen: true })
            {
                return HealthCheckResult.Healthy();
            }
            if (_connection is not null)
            {
                await _connection.DisposeAsync().ConfigureAwait(false);
                _connection = null;
            }
            var factory = new ConnectionFactory { Uri = uri, AutomaticRecoveryEnabled = false, ClientProvidedName = "apphost-health-check" };
            _connection = await factory.CreateConnectionAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"No AMQP login on 127.0.0.1:{uri.Port}: {e.Message}");
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
        _gate.Dispose();
    }
}
