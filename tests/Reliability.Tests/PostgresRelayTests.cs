using CircularPlatform.TestSupport;
using Xunit.Abstractions;

namespace CircularPlatform.Reliability.Tests;

public sealed class PostgresRelayTests(RabbitMqFixture rabbit, PostgresFixture postgres, ITestOutputHelper output)
    : IClassFixture<RabbitMqFixture>, IClassFixture<PostgresFixture>
{
    private const int PerReplica = 1500;

    [Fact]
    public async Task Two_replicas_relaying_from_one_database_publish_every_row_once()
    {
        var database = await postgres.CreateDatabaseAsync();
        await using var probe = await Probe.StartAsync(rabbit.ConnectionString, database, replicas: 2);

        // Both replicas accept at once, so both relays find rows and claim them side by side.
        await Task.WhenAll(probe.PostBatchAsync("shared", PerReplica, replica: 0), probe.PostBatchAsync("shared", PerReplica, replica: 1));

        var state = await probe.WaitForAsync("shared", s => s.Receipts >= 2 * PerReplica, output);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var settled = await probe.StateAsync("shared");
        var first = await probe.CountersAsync(0);
        var second = await probe.CountersAsync(1);
        output.WriteLine($"{2 * PerReplica} rows; replica 0 published {first.Published}, replica 1 published {second.Published}; " +
            $"receipts {settled.Receipts}, distinct {settled.Distinct}; duplicates skipped {first.Duplicates + second.Duplicates}");
        Assert.Equal(2 * PerReplica, first.Published + second.Published);
        Assert.True(first.Published > 0 && second.Published > 0, "both replicas relayed");
        Assert.Equal(0, first.Duplicates + second.Duplicates);
        Assert.Equal(2 * PerReplica, state.Distinct);
        Assert.Equal(2 * PerReplica, settled.Receipts);
    }
}
