using System.Diagnostics;
using System.Text.Json;
using CircularPlatform.ServiceDefaults.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CircularPlatform.Messaging.Outbox;

/// <summary>
/// Publishes the outbox's rows to RabbitMQ, a batch of the oldest at a time, and marks each sent
/// once the broker has confirmed it. It never runs inside a request: a request only commits rows. While the broker is
/// unreachable it backs off and tries again; nothing is lost because nothing is marked sent before
/// the broker has it.
///
/// On PostgreSQL, several replicas relay from one database: each claims its batch with
/// <c>FOR UPDATE SKIP LOCKED</c>, so a row is published by one replica only. SQLite serves a single
/// replica (ADR 0004).
/// </summary>
internal sealed partial class OutboxRelay<TContext>(
    IServiceScopeFactory scopes,
    IBus bus,
    OutboxSignal signal,
    OutboxMetrics metrics,
    DatabaseInfo database,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    ILogger<OutboxRelay<TContext>> logger) : BackgroundService, IOutboxStatusSource where TContext : DbContext
{
    private readonly OutboxOptions _options = options.Value;
    private DateTime _nextPurge = DateTime.MinValue;
    private DateTime _nextStatus = DateTime.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var delay = _options.PollInterval;
            try
            {
                var outcome = await RelayBatchAsync(stoppingToken);
                if (outcome == BatchOutcome.BrokerUnavailable)
                {
                    failures++;
                    delay = Backoff(failures);
                }
                else
                {
                    if (failures > 0)
                    {
                        LogRecovered(logger, failures);
                    }
                    failures = 0;
                    if (outcome == BatchOutcome.Full)
                    {
                        continue;
                    }
                }
                await MaintainAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database itself is unavailable; try again later rather than stop relaying for good.
                failures++;
                delay = Backoff(failures);
                LogRelayFailed(logger, e, delay.TotalSeconds);
            }

            try
            {
                if (failures > 0)
                {
                    await WaitForBrokerAsync(delay, stoppingToken);
                }
                else
                {
                    await signal.WaitAsync(delay, stoppingToken);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Backing off after a failure, the relay still looks at the bus's own view of the broker
    /// (MassTransit reconnects by itself) and goes back to work as soon as it is connected again:
    /// sleeping out the back-off left a backlog untouched for seconds after the broker returned.
    /// </summary>
    private async Task WaitForBrokerAsync(TimeSpan backoff, CancellationToken cancellationToken)
    {
        // Real time, as the signal's wait: the back-off is about the broker, not the business clock.
        var waited = Stopwatch.StartNew();
        var wasHealthy = BusIsHealthy();
        while (waited.Elapsed < backoff)
        {
            await Task.Delay(BrokerWatchInterval, cancellationToken);
            var healthy = BusIsHealthy();
            if (healthy && !wasHealthy)
            {
                return;
            }
            wasHealthy = healthy;
        }
    }

    private static readonly TimeSpan BrokerWatchInterval = TimeSpan.FromMilliseconds(100);

    private bool BusIsHealthy() => bus is IBusControl control && control.CheckHealth().Status == BusHealthStatus.Healthy;

    private TimeSpan Backoff(int failures) =>
        TimeSpan.FromMilliseconds(Math.Min(_options.MaxBackoff.TotalMilliseconds, 250 * Math.Pow(2, Math.Min(failures, 16))));

    private async Task<BatchOutcome> RelayBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        // On PostgreSQL the claimed rows stay locked until they are marked sent, so another replica
        // skips them. SQLite has one replica, and holding its single write lock while publishing
        // would stall the service's requests.
        await using var transaction = database.Provider == DatabaseProvider.PostgreSql
            ? await db.Database.BeginTransactionAsync(cancellationToken)
            : null;

        var batch = await ClaimAsync(db, cancellationToken);
        if (batch.Count == 0)
        {
            return BatchOutcome.Empty;
        }

        var outcome = batch.Count == _options.BatchSize ? BatchOutcome.Full : BatchOutcome.Drained;
        // The whole batch at once: awaiting each broker confirmation before sending the next made
        // the relay one round trip per event (a backlog after an outage drained at a few hundred a
        // second). Publication order was never delivery order anyway: consumers take several
        // messages at a time, and a redelivery comes back later.
        var published = await Task.WhenAll(batch.Select(row => TryPublishAsync(row, cancellationToken)));
        if (published.Contains(false))
        {
            outcome = BatchOutcome.BrokerUnavailable;
        }

        // What was confirmed is marked sent even when the broker went away half-way through.
        await db.SaveChangesAsync(cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
        return outcome;
    }

    private Task<List<OutboxMessage>> ClaimAsync(TContext db, CancellationToken cancellationToken)
    {
        var size = _options.BatchSize;
        var maxAttempts = Microsoft.Extensions.Hosting.MessagingModelExtensions.MaxPublishAttempts;
        if (database.Provider == DatabaseProvider.PostgreSql)
        {
            return db.Set<OutboxMessage>()
                .FromSql($"SELECT * FROM outbox_messages WHERE sent_at IS NULL AND attempts < {maxAttempts} ORDER BY created_at, id LIMIT {size} FOR UPDATE SKIP LOCKED")
                .ToListAsync(cancellationToken);
        }
        return db.Set<OutboxMessage>()
            .Where(m => m.SentAt == null && m.Attempts < maxAttempts)
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id)
            .Take(size)
            .ToListAsync(cancellationToken);
    }

    private async Task<bool> TryPublishAsync(OutboxMessage row, CancellationToken cancellationToken)
    {
        object message;
        Type type;
        try
        {
            type = Type.GetType(row.MessageType, throwOnError: true)!;
            message = JsonSerializer.Deserialize(row.Body, type, Microsoft.Extensions.Hosting.OutboxExtensions.Json)
                ?? throw new JsonException("The body is null.");
        }
        catch (Exception e) when (e is TypeLoadException or FileNotFoundException or JsonException or NotSupportedException)
        {
            row.MarkUnpublishable(e.Message);
            LogUnpublishable(logger, row.Id, row.MessageType, e.Message);
            return true;
        }

        using var activity = StartPublishActivity(row, type);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.PublishTimeout);
        try
        {
            await bus.Publish(message, type, Pipe.Execute<PublishContext>(context => context.MessageId = row.Id), timeout.Token);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            LogPublishFailed(logger, row.Id, type.Name, e.Message);
            return false;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        row.MarkSent(now);
        metrics.Published(type.Name, now - row.CreatedAt);
        return true;
    }

    /// <summary>The publication continues the trace of the request that stored the event.</summary>
    private static Activity? StartPublishActivity(OutboxMessage row, Type type)
    {
        ActivityContext.TryParse(row.TraceParent, row.TraceState, out var parent);
        var activity = OutboxMetrics.ActivitySource.StartActivity($"outbox relay {type.Name}", ActivityKind.Internal, parent);
        activity?.SetTag("messaging.message.id", row.Id.ToString());
        activity?.SetTag("messaging.message.type", type.Name);
        return activity;
    }

    private async Task MaintainAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (now >= _nextStatus)
        {
            _nextStatus = now.AddSeconds(1);
            metrics.Observed(await ReadStatusAsync(cancellationToken));
        }
        if (now >= _nextPurge)
        {
            _nextPurge = now + _options.PurgeInterval;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TContext>();
            var sentBefore = now - _options.SentRetention;
            var processedBefore = now - _options.InboxRetention;
            var sent = await db.Set<OutboxMessage>().Where(m => m.SentAt != null && m.SentAt < sentBefore).ExecuteDeleteAsync(cancellationToken);
            var inbox = await db.Set<Inbox.InboxMessage>().Where(m => m.ProcessedAt < processedBefore).ExecuteDeleteAsync(cancellationToken);
            if (sent + inbox > 0)
            {
                LogPurged(logger, sent, inbox);
            }
        }
    }

    public async Task<OutboxStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        var status = await ReadStatusAsync(cancellationToken);
        metrics.Observed(status);
        return status;
    }

    private async Task<OutboxStatus> ReadStatusAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var maxAttempts = Microsoft.Extensions.Hosting.MessagingModelExtensions.MaxPublishAttempts;
        var unsent = db.Set<OutboxMessage>().Where(m => m.SentAt == null);
        var backlog = await unsent.CountAsync(m => m.Attempts < maxAttempts, cancellationToken);
        var dead = await unsent.CountAsync(m => m.Attempts >= maxAttempts, cancellationToken);
        var oldest = await unsent.Where(m => m.Attempts < maxAttempts).OrderBy(m => m.CreatedAt)
            .Select(m => (DateTime?)m.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        var age = oldest is { } created ? (clock.GetUtcNow().UtcDateTime - created).TotalSeconds : (double?)null;
        return new OutboxStatus(backlog, age, dead);
    }

    private enum BatchOutcome
    {
        Empty,
        Drained,
        Full,
        BrokerUnavailable,
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing outbox message {Id} ({Type}) failed, will retry: {Reason}")]
    private static partial void LogPublishFailed(ILogger logger, Guid id, string type, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox message {Id} of type {Type} cannot be published: {Reason}")]
    private static partial void LogUnpublishable(ILogger logger, Guid id, string type, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The outbox relay failed; next try in {Seconds} s")]
    private static partial void LogRelayFailed(ILogger logger, Exception exception, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "The outbox relay publishes again after {Failures} failed attempts")]
    private static partial void LogRecovered(ILogger logger, int failures);

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Sent} sent outbox rows and {Inbox} inbox records")]
    private static partial void LogPurged(ILogger logger, int sent, int inbox);
}
