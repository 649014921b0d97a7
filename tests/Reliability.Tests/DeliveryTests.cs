using System.Net.Http.Json;
using System.Text.Json;
using CircularPlatform.TestSupport;
using Xunit.Abstractions;

namespace CircularPlatform.Reliability.Tests;

public sealed class DeliveryTests(RabbitMqFixture rabbit, ITestOutputHelper output) : IClassFixture<RabbitMqFixture>
{
    [Fact]
    public async Task Every_message_delivered_twice_has_one_effect()
    {
        const int count = 2000;
        await using var probe = await Probe.StartAsync(rabbit.ConnectionString);
        using var client = probe.Client();

        var response = await client.PostAsync($"/probe/batches/twice/twice?count={count}", null);
        response.EnsureSuccessStatusCode();

        var state = await probe.WaitForAsync("twice", s => s.Receipts >= count, output);
        var counters = await WaitForDuplicatesAsync(probe, count);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var settled = await probe.StateAsync("twice");
        var queue = (await client.GetFromJsonAsync<JsonElement>("/ops/messaging")).GetProperty("queues").EnumerateArray()
            .Single(q => q.GetProperty("name").GetString() == Probe.Queue);
        output.WriteLine($"published {count * 2} deliveries of {count} messages; receipts {settled.Receipts}, distinct {settled.Distinct}, duplicates skipped {counters.Duplicates}; queue afterwards {queue}");
        if (counters.Duplicates != count)
        {
            output.WriteLine(string.Join('\n', (await probe.ConsoleLogsAsync(400)).Where(line => line.Contains("fail", StringComparison.OrdinalIgnoreCase) || line.Contains("warn", StringComparison.OrdinalIgnoreCase) || line.Contains("Exception", StringComparison.Ordinal)).Take(60)));
        }
        Assert.Equal(count, state.Distinct);
        Assert.Equal(count, settled.Receipts);
        Assert.Equal(count, counters.Duplicates);
        // A recognised duplicate is handled, not set aside: nothing is left for ops to look at.
        Assert.Equal(0, queue.GetProperty("skippedMessages").GetInt64());
        Assert.Equal(0, queue.GetProperty("errorMessages").GetInt64());
        Assert.Equal(0, queue.GetProperty("messages").GetInt64());
    }

    [Fact]
    public async Task The_trace_of_the_request_continues_through_the_outbox_and_the_broker_into_the_consumer()
    {
        await using var probe = await Probe.StartAsync(rabbit.ConnectionString);

        var accepted = await probe.PostBatchAsync("traced", 5);
        var traceId = accepted.GetProperty("traceId").GetString();

        var state = await probe.WaitForAsync("traced", s => s.Receipts == 5, output);
        Assert.False(string.IsNullOrEmpty(traceId));
        Assert.Equal([traceId!], state.TraceIds);
    }

    [Fact]
    public async Task Sent_rows_are_purged_once_their_retention_has_passed()
    {
        await using var probe = await Probe.StartAsync(rabbit.ConnectionString, environment: new Dictionary<string, string>
        {
            ["Messaging__Outbox__SentRetention"] = "00:00:01",
            ["Messaging__Outbox__PurgeInterval"] = "00:00:01",
        });
        using var client = probe.Client();

        await probe.PostBatchAsync("purged", 200);
        await probe.WaitForAsync("purged", s => s.Receipts == 200, output);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        JsonElement outbox;
        do
        {
            await Task.Delay(500);
            outbox = await client.GetFromJsonAsync<JsonElement>("/probe/outbox");
        }
        while (outbox.GetProperty("sent").GetInt32() > 0 && DateTime.UtcNow < deadline);
        output.WriteLine($"outbox after the retention: {outbox}");
        Assert.Equal(0, outbox.GetProperty("sent").GetInt32());
        Assert.Equal(0, outbox.GetProperty("unsent").GetInt32());
    }

    private static async Task<(long Published, long Duplicates)> WaitForDuplicatesAsync(Probe probe, long expected)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        var counters = await probe.CountersAsync();
        while (counters.Duplicates < expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            counters = await probe.CountersAsync();
        }
        return counters;
    }
}
