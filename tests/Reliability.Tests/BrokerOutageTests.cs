using System.Net.Http.Json;
using System.Text.Json;
using CircularPlatform.TestSupport;
using Xunit.Abstractions;

namespace CircularPlatform.Reliability.Tests;

public sealed class BrokerOutageTests(RabbitMqFixture rabbit, ITestOutputHelper output) : IClassFixture<RabbitMqFixture>
{
    private const int Count = 2000;

    [Fact]
    public async Task Events_accepted_while_the_broker_is_down_are_all_delivered_once_it_is_back()
    {
        await using var probe = await Probe.StartAsync(rabbit.ConnectionString);
        await probe.PostBatchAsync("warm-up", 10);
        await probe.WaitForAsync("warm-up", s => s.Receipts == 10, output);

        await rabbit.StopAsync();
        try
        {
            var accepted = await probe.PostBatchAsync("outage", Count);
            Assert.Equal(Count, accepted.GetProperty("accepted").GetInt32());
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.Equal(0, (await probe.StateAsync("outage")).Receipts);

            // Ops see what waits: the whole batch, for as long as the broker has been away.
            using var client = probe.Client();
            var outbox = (await client.GetFromJsonAsync<JsonElement>("/ops/messaging")).GetProperty("outbox");
            output.WriteLine($"during the outage: backlog {outbox.GetProperty("backlog")}, oldest unsent {outbox.GetProperty("oldestUnsentAgeSeconds")} s");
            Assert.Equal(Count, outbox.GetProperty("backlog").GetInt32());
            Assert.True(outbox.GetProperty("oldestUnsentAgeSeconds").GetDouble() >= 1);
        }
        finally
        {
            await rabbit.StartAsync();
        }

        var delivered = await probe.WaitForAsync("outage", s => s.Receipts >= Count, output);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var settled = await probe.StateAsync("outage");
        var counters = await probe.CountersAsync();
        output.WriteLine($"accepted {Count} while the broker was down; receipts {settled.Receipts}, distinct {settled.Distinct}, published {counters.Published}, duplicates skipped {counters.Duplicates}");
        Assert.Equal(Count, delivered.Distinct);
        Assert.Equal(Count, settled.Receipts);
        Assert.Equal(Count, settled.Distinct);
    }
}
