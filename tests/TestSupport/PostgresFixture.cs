using Aspire.Hosting;
using Npgsql;
using Xunit;

namespace CircularPlatform.TestSupport;

/// <summary>
/// A throw-away PostgreSQL cluster (the AppHost's own resource), shared by every test class of the
/// test process that asks for one while any of them runs: each test gets a fresh database of its
/// own (<see cref="CreateDatabaseAsync"/>), and each cluster costs an orchestrator, initdb and a
/// server start. The last class to finish stops it, after a short grace in which the next class
/// may take it over (xunit runs a couple of classes at a time, one after the other).
/// </summary>
public class PostgresFixture : IAsyncLifetime
{
    public const string Name = "postgres";
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static Cluster? _shared;
    private static int _users;
    private Cluster? _mine;

    public TestAppModel Model => _mine?.Model ?? throw new InvalidOperationException("The fixture has not been initialised.");

    /// <summary>Creates a database with a unique name (or the given one) and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string? name = null)
    {
        var server = (_mine ?? throw new InvalidOperationException("The fixture has not been initialised.")).Server;
        name ??= $"test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync().ConfigureAwait(false);
            await using var create = new NpgsqlCommand($"create database \"{name}\"", connection);
            await create.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        // Each test's service keeps a pool for its own database: closed soon after the test, so
        // that the tests sharing this cluster never hold more connections than it accepts.
        return new NpgsqlConnectionStringBuilder(server) { Database = name, ConnectionIdleLifetime = 2, ConnectionPruningInterval = 1 }.ConnectionString;
    }

    public async Task InitializeAsync()
    {
        await Gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _shared ??= await Cluster.StartAsync().ConfigureAwait(false);
            _users++;
            _mine = _shared;
        }
        finally
        {
            Gate.Release();
        }
    }

    public async Task DisposeAsync()
    {
        if (_mine is not { } mine)
        {
            return;
        }
        _mine = null;
        await Gate.WaitAsync().ConfigureAwait(false);
        var last = --_users == 0;
        Gate.Release();
        if (!last)
        {
            return;
        }
        await Task.Delay(Grace).ConfigureAwait(false);
        await Gate.WaitAsync().ConfigureAwait(false);
        try
        {
            // Nobody took it over meanwhile: stop it now, before the test process ends.
            if (_users == 0 && ReferenceEquals(_shared, mine))
            {
                _shared = null;
                await mine.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    private sealed class Cluster : IAsyncDisposable
    {
        private readonly TemporaryFolder _folder;

        private Cluster(TemporaryFolder folder, TestAppModel model, string server)
        {
            _folder = folder;
            Model = model;
            Server = server;
        }

        public TestAppModel Model { get; }
        public string Server { get; }

        public static async Task<Cluster> StartAsync()
        {
            var folder = new TemporaryFolder("cp-pg");
            TestAppModel? model = null;
            try
            {
                var builder = TestAppModel.CreateBuilder();
                builder.AddPostgresNode(Name, System.IO.Path.Combine(folder.Path, "cluster"));
                model = await TestAppModel.StartAsync(builder, Name).ConfigureAwait(false);
                return new Cluster(folder, model, await model.ConnectionStringAsync(Name).ConfigureAwait(false));
            }
            catch
            {
                if (model is not null)
                {
                    await model.DisposeAsync().ConfigureAwait(false);
                }
                folder.Dispose();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                await Model.DisposeAsync().ConfigureAwait(false);
            }
            finally
            {
                _folder.Dispose();
            }
        }
    }
}
