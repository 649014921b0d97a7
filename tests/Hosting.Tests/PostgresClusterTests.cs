using CircularPlatform.TestSupport;

namespace CircularPlatform.Hosting.Tests;

public sealed class PostgresClusterTests : IClassFixture<PostgresFixture>
{
    private readonly PostgresFixture _fixture;

    public PostgresClusterTests(PostgresFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task A_fresh_database_answers_queries_through_its_connection_string_port()
    {
        var connectionString = await _fixture.CreateDatabaseAsync("orders");

        Assert.Equal($"Host=127.0.0.1;Port={_fixture.Cluster.Port};Username=postgres;Database=orders", connectionString);
        await _fixture.Cluster.QueryAsync("CREATE TABLE t (id int primary key, label text); INSERT INTO t VALUES (1, 'Liévin'), (2, 'Lens');", "orders");
        var rows = await _fixture.Cluster.QueryAsync("SELECT string_agg(label, ',' ORDER BY id) FROM t", "orders");
        Assert.Equal("Liévin,Lens", rows.Trim());
    }

    [Fact]
    public async Task Creating_a_database_twice_keeps_its_data()
    {
        await _fixture.CreateDatabaseAsync("twice");
        await _fixture.Cluster.QueryAsync("CREATE TABLE kept (id int)", "twice");
        await _fixture.CreateDatabaseAsync("twice");

        Assert.Equal("0", (await _fixture.Cluster.QueryAsync("SELECT count(*) FROM kept", "twice")).Trim());
    }
}

public sealed class PostgresClusterLifecycleTests
{
    [Fact]
    public async Task Cluster_stops_and_starts_again_with_its_data_and_leaves_no_server_behind()
    {
        using var folder = new TemporaryFolder("cp-pg");
        var marker = Guid.NewGuid().ToString("N");
        var cluster = new PostgresCluster(new PostgresClusterOptions
        {
            Directory = Path.Combine(folder.Path, "cluster"),
            Environment = new Dictionary<string, string> { ["CP_TEST_MARKER"] = marker },
        });
        try
        {
            await cluster.StartAsync();
            await cluster.QueryAsync("CREATE TABLE survives (v text); INSERT INTO survives VALUES ('ok')");
            Assert.NotEmpty(ProcessTable.WithEnvironmentMarker("CP_TEST_MARKER", marker));

            await cluster.StopAsync();
            Assert.False(cluster.IsRunning);
            Assert.False(await FreePorts.IsListeningAsync(cluster.Port));

            await cluster.StartAsync();
            Assert.Equal("ok", (await cluster.QueryAsync("SELECT v FROM survives")).Trim());
        }
        finally
        {
            await cluster.DisposeAsync();
        }
        Assert.Empty(await ProcessTable.WaitUntilNoneAsync("CP_TEST_MARKER", marker));
    }
}
