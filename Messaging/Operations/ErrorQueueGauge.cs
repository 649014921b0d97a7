using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CircularPlatform.Messaging.Operations;

/// <summary>
/// <c>circular.messaging.error_queue.messages{queue}</c>: how many messages of each consumer queue
/// wait in its error queue, so that an alert can fire before anyone opens the ops endpoint.
/// </summary>
/// <remarks>
/// A scrape never waits for the broker: it gets the last figures read, and when they are older than
/// <see cref="RefreshInterval"/> one background read is started for the next scrape. However often
/// metrics are collected, the broker is asked at most once per interval.
/// </remarks>
internal sealed partial class ErrorQueueGauge(
    IMeterFactory meters,
    BrokerQueues broker,
    TimeProvider time,
    ILogger<ErrorQueueGauge> logger,
    ConsumerQueues? consumerQueues = null) : IHostedService, IDisposable
{
    /// <summary>The messaging layer's one meter, shared with the outbox metrics.</summary>
    public const string MeterName = Outbox.OutboxMetrics.MeterName;
    public const string InstrumentName = "circular.messaging.error_queue.messages";
    public const string QueueTag = "queue";

    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource _stopping = new();
    private Snapshot? _snapshot;
    private int _refreshing;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (consumerQueues is { Names.Count: > 0 })
        {
            meters.Create(MeterName).CreateObservableGauge(
                InstrumentName, Observe, unit: "{message}", description: "Messages waiting in the error queue of each consumer queue.");
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Stop();
        return Task.CompletedTask;
    }

    // A host may stop its hosted services after the container disposed them (test hosts do), so
    // stopping and disposing are safe in either order and more than once.
    public void Dispose() => Stop();

    private void Stop()
    {
        lock (_stopping)
        {
            if (!_stopping.IsCancellationRequested)
            {
                _stopping.Cancel();
            }
        }
    }

    private IEnumerable<Measurement<long>> Observe()
    {
        var snapshot = Volatile.Read(ref _snapshot);
        if (snapshot is null || time.GetUtcNow() - snapshot.TakenAt >= RefreshInterval)
        {
            StartRefresh();
        }
        return snapshot?.Measurements ?? [];
    }

    private void StartRefresh()
    {
        if (_stopping.IsCancellationRequested || Interlocked.Exchange(ref _refreshing, 1) == 1)
        {
            return;
        }
        _ = Task.Run(RefreshAsync);
    }

    private async Task RefreshAsync()
    {
        var queues = consumerQueues!.Names;
        try
        {
            var errorQueues = queues.Select(queue => queue + ConsumerQueues.ErrorSuffix).ToArray();
            var depths = await broker.GetDepthsAsync(errorQueues, _stopping.Token).ConfigureAwait(false);
            var measurements = queues
                .Select((queue, i) => new Measurement<long>(depths[i].Messages, new KeyValuePair<string, object?>(QueueTag, queue)))
                .ToArray();
            Volatile.Write(ref _snapshot, new Snapshot(time.GetUtcNow(), measurements));
        }
        catch (BrokerUnavailableException)
        {
            // No figure rather than a stale one while the broker is away; BrokerQueues has logged why.
            Volatile.Write(ref _snapshot, new Snapshot(time.GetUtcNow(), []));
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException && _stopping.IsCancellationRequested)
        {
            // The host is stopping.
        }
        catch (Exception e)
        {
            // A metrics read must never take the process down; it is retried after the interval.
            LogRefreshFailed(logger, e);
            Volatile.Write(ref _snapshot, new Snapshot(time.GetUtcNow(), []));
        }
        finally
        {
            Volatile.Write(ref _refreshing, 0);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Reading the error queue depths for metrics failed")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);

    private sealed record Snapshot(DateTimeOffset TakenAt, Measurement<long>[] Measurements);
}
