using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace CircularPlatform.Messaging.Tests;

/// <summary>Talks to the test broker directly, to set queues up and to see what really is in them.</summary>
internal sealed class BrokerClient : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _channel;

    private BrokerClient(IConnection connection, IChannel channel)
    {
        _connection = connection;
        _channel = channel;
    }

    public static async Task<BrokerClient> ConnectAsync(string connectionString)
    {
        var connection = await new ConnectionFactory { Uri = new Uri(connectionString) }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync(new CreateChannelOptions(
            publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        return new BrokerClient(connection, channel);
    }

    public async Task DeclareAsync(params string[] queues)
    {
        foreach (var queue in queues)
        {
            await _channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        }
    }

    /// <summary>A queue that refuses new messages beyond <paramref name="maxLength"/>, as a full queue of a real broker would.</summary>
    public async Task DeclareBoundedAsync(string queue, int maxLength) =>
        await _channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, new Dictionary<string, object?>
        {
            ["x-max-length"] = maxLength,
            ["x-overflow"] = "reject-publish",
        });

    public async Task PublishAsync(string queue, IEnumerable<(BasicProperties Properties, byte[] Body)> messages)
    {
        foreach (var chunk in messages.Chunk(100))
        {
            await Task.WhenAll(chunk.Select(m =>
                _channel.BasicPublishAsync(string.Empty, queue, mandatory: true, m.Properties, m.Body).AsTask()));
        }
    }

    /// <summary>Persistent, as MassTransit sends them, so they outlive a broker restart.</summary>
    public Task PublishAsync(string queue, int count) =>
        PublishAsync(queue, Enumerable.Range(0, count).Select(i => (
            new BasicProperties { MessageId = Guid.NewGuid().ToString(), DeliveryMode = DeliveryModes.Persistent },
            BitConverter.GetBytes(i))));

    public async Task<uint> CountAsync(string queue) => (await _channel.QueueDeclarePassiveAsync(queue)).MessageCount;

    /// <summary>Takes every message out of the queue.</summary>
    public async Task<List<BasicGetResult>> DrainAsync(string queue)
    {
        var messages = new List<BasicGetResult>();
        while (await _channel.BasicGetAsync(queue, autoAck: true) is { } message)
        {
            messages.Add(message);
        }
        return messages;
    }

    /// <summary>A consumer that stays attached until this client is disposed.</summary>
    public async Task AttachConsumerAsync(string queue)
    {
        var channel = await _connection.CreateChannelAsync();
        await channel.BasicConsumeAsync(queue, autoAck: false, new AsyncEventingBasicConsumer(channel));
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
