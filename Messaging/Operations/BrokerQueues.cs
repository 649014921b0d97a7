using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace CircularPlatform.Messaging.Operations;

/// <summary>
/// Reads queue depths from RabbitMQ and moves failed messages back for another try, over one
/// connection of its own (MassTransit's is not reachable from outside the bus), opened on first
/// use and opened again after the broker dropped it.
/// </summary>
internal sealed partial class BrokerQueues : IAsyncDisposable
{
    /// <summary>A single call never moves more than this, so that one request stays short.</summary>
    public const int MaxReplay = 10_000;

    // Fetched, republished and confirmed together: confirms are awaited per batch rather than per
    // message, and at most one batch can end up in both queues if the process dies mid-way.
    private const int ReplayBatchSize = 100;

    private readonly string? _connectionString;
    private readonly string _clientName;
    private readonly ILogger<BrokerQueues> _logger;
    private readonly SemaphoreSlim _connectionGate = new(1, 1);

    // Two replays of one error queue at once could each take messages the other has just put back.
    private readonly SemaphoreSlim _replayGate = new(1, 1);

    private IConnection? _connection;
    private bool _disposed;

    public BrokerQueues(IConfiguration configuration, IHostEnvironment environment, ILogger<BrokerQueues> logger)
    {
        _connectionString = configuration.GetConnectionString(MessagingExtensions.ConnectionName);
        _clientName = TelemetryExtensions.ShortName(environment.ApplicationName) + " messaging ops";
        _logger = logger;
    }

    public async Task<IReadOnlyList<QueueDepth>> GetDepthsAsync(IReadOnlyList<string> queues, CancellationToken cancellationToken)
    {
        try
        {
            return await DepthsAsync(queues, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsBrokerFailure(e))
        {
            throw Unavailable(e, moved: 0);
        }
    }

    /// <summary>
    /// Moves up to <paramref name="max"/> of the messages now in <c>{queue}_error</c> back to
    /// <paramref name="queue"/>, without their fault headers. Each one is acknowledged in the error
    /// queue only once the broker has confirmed its copy, so a crash duplicates rather than loses.
    /// </summary>
    public async Task<ReplayOutcome> ReplayErrorsAsync(string queue, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        await _replayGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var moved = new StrongBox<int>();
        try
        {
            var outcome = await ReplayCoreAsync(queue, Math.Min(max, MaxReplay), moved, cancellationToken).ConfigureAwait(false);
            LogReplayed(_logger, outcome.Moved, queue, outcome.Refused);
            return outcome;
        }
        catch (Exception e) when (IsBrokerFailure(e))
        {
            throw Unavailable(e, moved.Value);
        }
        finally
        {
            _replayGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _connectionGate.WaitAsync().ConfigureAwait(false);
        try
        {
            _disposed = true;
            await CloseQuietlyAsync(_connection).ConfigureAwait(false);
            _connection = null;
        }
        finally
        {
            _connectionGate.Release();
        }
    }

    private async Task<QueueDepth[]> DepthsAsync(IReadOnlyList<string> queues, CancellationToken cancellationToken)
    {
        var connection = await ConnectionAsync(cancellationToken).ConfigureAwait(false);
        var depths = new QueueDepth[queues.Count];
        IChannel? channel = null;
        try
        {
            for (var i = 0; i < queues.Count; i++)
            {
                channel ??= await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                try
                {
                    var declared = await channel.QueueDeclarePassiveAsync(queues[i], cancellationToken).ConfigureAwait(false);
                    depths[i] = new QueueDepth(true, declared.MessageCount, declared.ConsumerCount);
                }
                catch (OperationInterruptedException e) when (IsQueueNotFound(e))
                {
                    depths[i] = QueueDepth.Absent;
                    // The broker closes the channel on a missing queue; the next check needs a new one.
                    await CloseQuietlyAsync(channel).ConfigureAwait(false);
                    channel = null;
                }
            }
        }
        finally
        {
            await CloseQuietlyAsync(channel).ConfigureAwait(false);
        }
        return depths;
    }

    private async Task<ReplayOutcome> ReplayCoreAsync(string queue, int max, StrongBox<int> moved, CancellationToken cancellationToken)
    {
        var errorQueue = queue + ConsumerQueues.ErrorSuffix;
        var depths = await DepthsAsync([queue, errorQueue], cancellationToken).ConfigureAwait(false);
        if (!depths[0].Declared)
        {
            return new ReplayOutcome(QueueDeclared: false, 0, 0);
        }
        // Only what is there now: messages that fail again during the replay come back behind these
        // and must not be picked up a second time by the same call.
        var limit = (int)Math.Min(max, depths[1].Messages);
        if (limit == 0)
        {
            return new ReplayOutcome(QueueDeclared: true, 0, 0);
        }

        var connection = await ConnectionAsync(cancellationToken).ConfigureAwait(false);
        var confirmed = new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true);
        var channel = await connection.CreateChannelAsync(confirmed, cancellationToken).ConfigureAwait(false);
        try
        {
            while (moved.Value < limit)
            {
                // Cancellation is honoured between batches only: a batch is always settled, so an
                // impatient caller never leaves messages fetched but neither published nor put back.
                cancellationToken.ThrowIfCancellationRequested();
                var batch = await FetchAsync(channel, errorQueue, Math.Min(ReplayBatchSize, limit - moved.Value)).ConfigureAwait(false);
                if (batch.Count == 0)
                {
                    break;
                }
                var (taken, refused) = await RepublishAsync(channel, queue, batch).ConfigureAwait(false);
                moved.Value += taken;
                if (refused > 0)
                {
                    // The queue is full or going away: the rest would be refused as well.
                    return new ReplayOutcome(QueueDeclared: true, moved.Value, refused);
                }
            }
        }
        finally
        {
            // Closing returns any message still unacknowledged to the error queue.
            await CloseQuietlyAsync(channel).ConfigureAwait(false);
        }
        return new ReplayOutcome(QueueDeclared: true, moved.Value, 0);
    }

    private static async Task<List<BasicGetResult>> FetchAsync(IChannel channel, string errorQueue, int count)
    {
        var batch = new List<BasicGetResult>(count);
        while (batch.Count < count
            && await channel.BasicGetAsync(errorQueue, autoAck: false, CancellationToken.None).ConfigureAwait(false) is { } message)
        {
            batch.Add(message);
        }
        return batch;
    }

    private static async Task<(int Taken, int Refused)> RepublishAsync(IChannel channel, string queue, List<BasicGetResult> batch)
    {
        // Mandatory: should the queue vanish mid-way, the broker returns the copy instead of dropping it.
        var confirms = batch
            .Select(message => channel.BasicPublishAsync(
                string.Empty, queue, mandatory: true, WithoutFaultHeaders(message.BasicProperties), message.Body, CancellationToken.None).AsTask())
            .ToArray();
        try
        {
            await Task.WhenAll(confirms).ConfigureAwait(false);
        }
        catch (PublishException) when (confirms.All(c => c.IsCompletedSuccessfully || c.Exception?.InnerException is PublishException))
        {
            var taken = await SettleRefusedAsync(channel, batch, confirms).ConfigureAwait(false);
            return (taken, batch.Count - taken);
        }
        await channel.BasicAckAsync(batch[^1].DeliveryTag, multiple: true, CancellationToken.None).ConfigureAwait(false);
        return (batch.Count, 0);
    }

    /// <summary>Acknowledges the copies the broker took; the others go back to the error queue.</summary>
    private static async Task<int> SettleRefusedAsync(IChannel channel, List<BasicGetResult> batch, Task[] confirms)
    {
        var taken = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            if (confirms[i].IsCompletedSuccessfully)
            {
                await channel.BasicAckAsync(batch[i].DeliveryTag, multiple: false, CancellationToken.None).ConfigureAwait(false);
                taken++;
            }
            else
            {
                await channel.BasicNackAsync(batch[i].DeliveryTag, multiple: false, requeue: true, CancellationToken.None).ConfigureAwait(false);
            }
        }
        return taken;
    }

    private static BasicProperties WithoutFaultHeaders(IReadOnlyBasicProperties original)
    {
        var properties = new BasicProperties(original);
        if (original.Headers is { } headers)
        {
            properties.Headers = headers
                .Where(header => !IsFaultHeader(header.Key))
                .ToDictionary(header => header.Key, header => header.Value);
        }
        return properties;
    }

    /// <summary>
    /// What MassTransit wrote when it gave up on the message; left in place, the consumer's next
    /// failure would be reported with the previous one's reason mixed in.
    /// </summary>
    internal static bool IsFaultHeader(string name) =>
        name.StartsWith("MT-Fault-", StringComparison.OrdinalIgnoreCase)
        || name.Equals("MT-Reason", StringComparison.OrdinalIgnoreCase)
        || name.Equals("MT-Redelivery-Count", StringComparison.OrdinalIgnoreCase);

    private async Task<IConnection> ConnectionAsync(CancellationToken cancellationToken)
    {
        if (_connection is { IsOpen: true } open)
        {
            return open;
        }
        await _connectionGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_connection is { IsOpen: true } opened)
            {
                return opened;
            }
            await CloseQuietlyAsync(_connection).ConfigureAwait(false);
            _connection = null;
            if (string.IsNullOrWhiteSpace(_connectionString))
            {
                throw new BrokerUnavailableException(
                    $"ConnectionStrings:{MessagingExtensions.ConnectionName} is not set, so this service has no broker to look at.");
            }
            var factory = new ConnectionFactory
            {
                Uri = new Uri(_connectionString),
                ClientProvidedName = _clientName,
                // A dropped connection is replaced on the next request instead of being recovered in
                // the background, so that ops get an immediate answer about the broker as it is now.
                AutomaticRecoveryEnabled = false,
                TopologyRecoveryEnabled = false,
                RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
                ContinuationTimeout = TimeSpan.FromSeconds(10),
            };
            _connection = await factory.CreateConnectionAsync(cancellationToken).ConfigureAwait(false);
            return _connection;
        }
        finally
        {
            _connectionGate.Release();
        }
    }

    private static bool IsQueueNotFound(OperationInterruptedException e) =>
        e is not AlreadyClosedException && e.ShutdownReason?.ReplyCode == Constants.NotFound;

    private static bool IsBrokerFailure(Exception e) => e is BrokerUnreachableException
        or OperationInterruptedException
        or IOException
        or SocketException
        or TimeoutException
        or RabbitMQClientException;

    private BrokerUnavailableException Unavailable(Exception e, int moved)
    {
        LogUnavailable(_logger, e);
        return new BrokerUnavailableException("The message broker cannot be reached; try again once it is back.", e) { Moved = moved };
    }

    private static async Task CloseQuietlyAsync(IAsyncDisposable? disposable)
    {
        if (disposable is null)
        {
            return;
        }
        try
        {
            await disposable.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (IsBrokerFailure(e))
        {
            // Already closed by the broker or the network: nothing is left to release.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Moved {Moved} message(s) from the error queue back to {Queue}; {Refused} refused by the broker")]
    private static partial void LogReplayed(ILogger logger, int moved, string queue, int refused);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The message broker could not be reached for messaging operations")]
    private static partial void LogUnavailable(ILogger logger, Exception exception);
}
