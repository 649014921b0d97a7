using System.Diagnostics;
using CircularPlatform.TestSupport;
using Xunit.Abstractions;

namespace CircularPlatform.Reliability.Tests;

public sealed class ConsumerCrashTests(RabbitMqFixture rabbit, ITestOutputHelper output) : IClassFixture<RabbitMqFixture>
{
    private const int Count = 3000;

    [Fact]
    public async Task A_consumer_killed_in_the_middle_of_a_stream_has_exactly_one_effect_per_message_once_restarted()
    {
        await using var probe = await Probe.StartAsync(rabbit.ConnectionString);
        await probe.PostBatchAsync("stream", Count);
        var before = await probe.WaitForAsync("stream", s => s.Receipts >= Count / 10, output);
        var killed = probe.Pid();

        // SIGKILL: no graceful stop, messages in flight, relay mid-batch.
        Process.GetProcessById(killed).Kill();

        var after = await probe.WaitForAsync("stream", s => s.Receipts >= Count, output);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var settled = await probe.StateAsync("stream");
        var counters = await probe.CountersAsync();
        output.WriteLine($"killed pid {killed} after {before.Receipts} of {Count} receipts; restarted as pid {probe.Pid()}; " +
            $"receipts {settled.Receipts}, distinct {settled.Distinct}; after the restart {counters.Duplicates} redelivered message(s) were recognised and skipped");
        Assert.NotEqual(killed, probe.Pid());
        Assert.Equal(Count, after.Distinct);
        Assert.Equal(Count, settled.Receipts);
        Assert.Equal(Count, settled.Distinct);
    }
}
