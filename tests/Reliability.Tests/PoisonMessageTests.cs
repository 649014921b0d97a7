using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CircularPlatform.TestSupport;
using RabbitMQ.Client;
using Xunit.Abstractions;

namespace CircularPlatform.Reliability.Tests;

public sealed class PoisonMessageTests(RabbitMqFixture rabbit, ITestOutputHelper output) : IClassFixture<RabbitMqFixture>
{
    private const int Count = 1000;
    private const int Poisoned = 50;

    [Fact]
    public async Task A_failing_message_waits_in_the_error_queue_with_its_reason_the_queue_keeps_flowing_and_replay_works_once_fixed()
    {
        await using var probe = await Probe.StartAsync(rabbit.ConnectionString);
        using var client = probe.Client();

        await probe.PostBatchAsync("poison", Count, poisoned: Poisoned);
        var failed = await probe.WaitForAsync("poison", s => s.Receipts >= Count - Poisoned && s.Faults >= Poisoned, output);
        Assert.Equal(Count - Poisoned, failed.Receipts);
        Assert.Equal(Poisoned, failed.Faults);

        // A body that is not JSON and a message of a type nobody consumes must not stop the queue.
        await SendRawAsync("{ this is not json", "urn:message:CircularPlatform.ProbeService:ProbeSent");
        await SendRawAsync("{}", "urn:message:Nowhere:Nothing");
        await probe.PostBatchAsync("after", 100);
        await probe.WaitForAsync("after", s => s.Receipts == 100, output);

        var queue = await QueueAsync(client);
        var reason = await PeekErrorReasonAsync();
        output.WriteLine($"{Count} sent, {Poisoned} poisoned: {failed.Receipts} consumed, {failed.Faults} faults seen; error queue {queue.GetProperty("errorMessages")}, skipped {queue.GetProperty("skippedMessages")}; reason: {reason}");
        Assert.Equal(Poisoned + 1, queue.GetProperty("errorMessages").GetInt32());
        Assert.Equal(1, queue.GetProperty("skippedMessages").GetInt32());
        Assert.Contains("unfixed cause", reason, StringComparison.Ordinal);

        (await client.PostAsync("/probe/cause/fix", null)).EnsureSuccessStatusCode();
        var replay = await client.PostAsync($"/ops/messaging/queues/{Probe.Queue}/replay-errors", null);
        replay.EnsureSuccessStatusCode();
        var moved = (await replay.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("moved").GetInt32();

        var replayed = await probe.WaitForAsync("poison", s => s.Receipts >= Count, output);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var settled = await probe.StateAsync("poison");
        output.WriteLine($"replayed {moved}; receipts now {settled.Receipts}, distinct {settled.Distinct}");
        Assert.Equal(Poisoned + 1, moved);
        Assert.Equal(Count, replayed.Distinct);
        Assert.Equal(Count, settled.Receipts);
        // The unreadable body is still unreadable: it is back in the error queue, not lost.
        await WaitUntilAsync(async () => (await QueueAsync(client)).GetProperty("errorMessages").GetInt32() == 1);
    }

    private static async Task<JsonElement> QueueAsync(HttpClient client)
    {
        var status = await client.GetFromJsonAsync<JsonElement>("/ops/messaging");
        return status.GetProperty("queues").EnumerateArray().Single(q => q.GetProperty("name").GetString() == Probe.Queue);
    }

    private async Task SendRawAsync(string body, string messageType)
    {
        var factory = new ConnectionFactory { Uri = new Uri(rabbit.ConnectionString) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var properties = new BasicProperties
        {
            ContentType = "application/vnd.masstransit+json",
            MessageId = Guid.NewGuid().ToString(),
            Persistent = true,
        };
        var envelope = body.StartsWith('{') && body.EndsWith('}')
            ? $$"""{"messageId":"{{properties.MessageId}}","messageType":["{{messageType}}"],"message":{{body}}}"""
            : body;
        await channel.BasicPublishAsync("", Probe.Queue, mandatory: true, properties, Encoding.UTF8.GetBytes(envelope));
    }

    /// <summary>Looks at one message of the error queue and puts it back.</summary>
    private async Task<string> PeekErrorReasonAsync()
    {
        var factory = new ConnectionFactory { Uri = new Uri(rabbit.ConnectionString) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var reasons = new List<string>();
        var taken = new List<ulong>();
        for (var i = 0; i < Poisoned + 1; i++)
        {
            var message = await channel.BasicGetAsync(Probe.Queue + "_error", autoAck: false);
            if (message is null)
            {
                break;
            }
            taken.Add(message.DeliveryTag);
            if (message.BasicProperties.Headers?.TryGetValue("MT-Fault-Message", out var value) == true && value is byte[] bytes)
            {
                reasons.Add(Encoding.UTF8.GetString(bytes));
            }
        }
        foreach (var tag in taken)
        {
            await channel.BasicNackAsync(tag, multiple: false, requeue: true);
        }
        return reasons.FirstOrDefault(r => r.Contains("unfixed", StringComparison.Ordinal)) ?? string.Join(" | ", reasons);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition was not met in 30 s");
            await Task.Delay(250);
        }
    }
}
