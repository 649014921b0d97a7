using Aspire.Hosting;
using Npgsql;
using Xunit;

namespace CircularPlatform.TestSupport;

/// <summary>
/// PostgreSQL for a test class: each test asks for its own fresh database with
/// <see cref="CreateDatabaseAsync"/>, and the class's databases are dropped when it ends. The
/// cluster is the test run's one (<see cref="SharedServers"/>) when the test assembly runs under
/// <see cref="SharedServersTestFramework"/>, else the class's own, stopped when it ends.
/// </summary>
public class PostgresFixture : IAsyncLifetime
{
    private readonly List<string> _databases = [];
    private PostgresCluster? _own;
    private PostgresCluster? _cluster;

    public TestAppModel Model => Cluster.Model;

    private PostgresCluster Cluster => _cluster ?? throw new InvalidOperationException("The fixture has not been initialised.");

    /// <summary>Creates a database with a unique name (or the given one) and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string? name = null)
    {
        name ??= $"test_{Guid.NewGuid():N}";
        var connectionString = await Cluster.CreateDatabaseAsync(name).ConfigureAwait(false);
        lock (_databases)
        {
            _databases.Add(name);
        }
        return connectionString;
    }

    public async Task InitializeAsync()
    {
        if (SharedServers.Enabled)
        {
            _cluster = await SharedServers.PostgresAsync().ConfigureAwait(false);
        }
        else
        {
            _own = new PostgresCluster();
            await _own.StartAsync().ConfigureAwait(false);
            _cluster = _own;
        }
    }

    public async Task DisposeAsync()
    {
        if (_own is not null)
        {
            await _own.DisposeAsync().ConfigureAwait(false);
            return;
        }
        if (_cluster is not null)
        {
            // The shared cluster outlives the class: what the class made goes, with the connections
            // its services' pools still hold to it.
            foreach (var database in _databases)
            {
                await _cluster.DropDatabaseAsync(database).ConfigureAwait(false);
            }
        }
    }
}

/// <summary>
/// A throw-away PostgreSQL cluster (the AppHost's own resource) in a fresh folder, always stopped
/// and deleted afterwards.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    public const string Name = "postgres";
    private readonly TemporaryFolder _folder = new("cp-pg");
    private TestAppModel? _model;
    private string _server = "";

    public TestAppModel Model => _model ?? throw new InvalidOperationException("The cluster has not been started.");

    public async Task StartAsync()
    {
        try
        {
            var builder = TestAppModel.CreateBuilder();
            builder.AddPostgresNode(Name, System.IO.Path.Combine(_folder.Path, "cluster"));
            _model = await TestAppModel.StartAsync(builder, Name).ConfigureAwait(false);
            _server = await _model.ConnectionStringAsync(Name).ConfigureAwait(false);
        }
        catch
        {
            await DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task<string> CreateDatabaseAsync(string name)
    {
        await ExecuteAsync($"create database \"{name}\"").ConfigureAwait(false);
        return new NpgsqlConnectionStringBuilder(_server) { Database = name }.ConnectionString;
    }

    public Task DropDatabaseAsync(string name) => ExecuteAsync($"drop database if exists \"{name}\" with (force)");

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_model is not null)
            {
                await _model.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _folder.Dispose();
        }
    }
}
