using Aspire.Hosting;
using Npgsql;
using Xunit;

namespace CircularPlatform.TestSupport;

/// <summary>
/// A throw-away PostgreSQL cluster for a test class or collection (the AppHost's own resource);
/// each test asks for its own fresh database with <see cref="CreateDatabaseAsync"/>.
/// </summary>
public class PostgresFixture : IAsyncLifetime
{
    public const string Name = "postgres";
    private readonly TemporaryFolder _folder = new("cp-pg");
    private TestAppModel? _model;
    private string _server = "";

    public TestAppModel Model => _model ?? throw new InvalidOperationException("The fixture has not been initialised.");

    /// <summary>Creates a database with a unique name (or the given one) and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string? name = null)
    {
        name ??= $"test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(_server))
        {
            await connection.OpenAsync().ConfigureAwait(false);
            await using var create = new NpgsqlCommand($"create database \"{name}\"", connection);
            await create.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        return new NpgsqlConnectionStringBuilder(_server) { Database = name }.ConnectionString;
    }

    public async Task InitializeAsync()
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

    public async Task DisposeAsync()
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
