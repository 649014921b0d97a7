using CircularPlatform.Hosting;
using Xunit;

namespace CircularPlatform.TestSupport;

/// <summary>
/// A throw-away PostgreSQL cluster for a test class or collection; each test asks for its own
/// fresh database with <see cref="CreateDatabaseAsync"/>.
/// </summary>
public class PostgresFixture : IAsyncLifetime
{
    private readonly TemporaryFolder _folder = new("cp-pg");
    private PostgresCluster? _cluster;

    public PostgresCluster Cluster => _cluster ?? throw new InvalidOperationException("The fixture has not been initialised.");

    /// <summary>Creates a database with a unique name (or the given one) and returns its connection string.</summary>
    public Task<string> CreateDatabaseAsync(string? name = null) =>
        Cluster.CreateDatabaseAsync(name ?? $"test_{Guid.NewGuid():N}");

    public async Task InitializeAsync()
    {
        _cluster = new PostgresCluster(new PostgresClusterOptions { Directory = System.IO.Path.Combine(_folder.Path, "cluster") });
        try
        {
            await _cluster.StartAsync().ConfigureAwait(false);
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
            if (_cluster is not null)
            {
                await _cluster.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _folder.Dispose();
        }
    }
}
