using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using CircularPlatform.TestSupport;
using Npgsql;

namespace CircularPlatform.AppHost.Tests;

/// <summary>A PostgreSQL node on real processes, started twice on the same folder as two runs of the AppHost would.</summary>
public sealed class PostgresNodeTests
{
    private const string Name = "postgres";
    private const string Database = "clubdb";

    // What initdb prints first, whatever its options.
    private const string InitdbSays = "The files belonging to this database system will be owned by user";

    [Fact]
    public async Task A_database_keeps_its_rows_across_runs_initdb_runs_once_and_no_server_outlives_a_run()
    {
        using var folder = new TemporaryFolder("cp-pg");
        var cluster = Path.Combine(folder.Path, "cluster");
        var data = Path.Combine(cluster, "data");
        var member = $"Camille {Guid.NewGuid():N}";

        DateTime initialised;
        await using (var first = await StartAsync(cluster))
        {
            var initLog = string.Join("\n", await first.ConsoleLogsAsync(Assert.Single(first.ReplicaIds($"{Name}-init")), last: 200));
            Assert.Contains(InitdbSays, initLog, StringComparison.Ordinal);
            initialised = File.GetLastWriteTimeUtc(Path.Combine(data, "PG_VERSION"));
            Assert.NotEmpty(ServerProcesses(data));

            await using var connection = await OpenAsync(first);
            await ExecuteAsync(connection, "create table members (name text primary key)");
            await using var insert = new NpgsqlCommand("insert into members (name) values (@name)", connection);
            insert.Parameters.AddWithValue("name", member);
            Assert.Equal(1, await insert.ExecuteNonQueryAsync());
        }
        await NoServerLeftAsync(data);

        await using (var second = await StartAsync(cluster))
        {
            await using var connection = await OpenAsync(second);
            await using var select = new NpgsqlCommand("select name from members", connection);
            Assert.Equal(member, await select.ExecuteScalarAsync());

            Assert.Equal(initialised, File.GetLastWriteTimeUtc(Path.Combine(data, "PG_VERSION")));
            var initLog = await second.ConsoleLogsAsync(Assert.Single(second.ReplicaIds($"{Name}-init")), last: 200);
            Assert.DoesNotContain(initLog, line => line.Contains(InitdbSays, StringComparison.Ordinal));
        }
        await NoServerLeftAsync(data);
    }

    [Fact]
    public async Task A_process_waiting_for_a_database_starts_once_the_server_is_ready()
    {
        using var folder = new TemporaryFolder("cp-pg");
        var builder = TestAppModel.CreateBuilder();
        var database = builder.AddPostgresNode(Name, Path.Combine(folder.Path, "cluster")).AddDatabase(Database);
        // As a service of the platform waits for its database.
        builder.AddExecutable("client", "/bin/sh", folder.Path, "-c", "exec sleep 600").WithReference(database).WaitFor(database);
        await using var model = await TestAppModel.StartAsync(builder, Name);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await model.WaitUntilHealthyAsync(Database, timeout.Token);
        await model.App.ResourceNotifications.WaitForResourceAsync("client", KnownResourceStates.Running, timeout.Token);
    }

    [Fact]
    public async Task The_end_of_a_run_shuts_the_cluster_down_cleanly()
    {
        using var folder = new TemporaryFolder("cp-pg");
        var data = Path.Combine(folder.Path, "cluster", "data");
        await using (var model = await StartAsync(Path.Combine(folder.Path, "cluster")))
        {
            Assert.True(File.Exists(Path.Combine(data, "postmaster.pid")), "the running server has no postmaster.pid");
        }
        await NoServerLeftAsync(data);

        Assert.False(File.Exists(Path.Combine(data, "postmaster.pid")), "the server was killed, not shut down: postmaster.pid is still there");
    }

    /// <summary>Starts the node and waits until the server answers (the database is created then).</summary>
    private static async Task<TestAppModel> StartAsync(string cluster)
    {
        var builder = TestAppModel.CreateBuilder();
        builder.AddPostgresNode(Name, cluster).AddDatabase(Database);
        return await TestAppModel.StartAsync(builder, Name);
    }

    /// <summary>A connection to the database child, which the node creates once the server is ready.</summary>
    private static async Task<NpgsqlConnection> OpenAsync(TestAppModel model)
    {
        // Not pooled: an idle pooled connection would hold up the server's smart shutdown at the end.
        var connectionString = await model.ConnectionStringAsync(Database) + ";Pooling=false";
        NpgsqlConnection? opened = null;
        await Wait.UntilAsync(async () =>
        {
            var connection = new NpgsqlConnection(connectionString);
            try
            {
                await connection.OpenAsync();
                opened = connection;
                return true;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
            {
                await connection.DisposeAsync();
                return false;
            }
        }, $"{Database} has been created and takes connections", TimeSpan.FromSeconds(60));
        return opened!;
    }

    /// <summary>The cluster's server and its workers: they all inherit the PGDATA the AppHost gives the server.</summary>
    private static IReadOnlyList<ProcessEntry> ServerProcesses(string data) => ProcessTable.WithEnvironmentMarker("PGDATA", data);

    private static async Task NoServerLeftAsync(string data)
    {
        var left = await ProcessTable.WaitUntilNoneAsync("PGDATA", data, TimeSpan.FromSeconds(30));
        Assert.True(left.Count == 0, "left behind: " + string.Join("; ", left.Select(p => $"{p.Pid} {p.CommandLine}")));
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
