using CircularPlatform.ServiceDefaults.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CircularPlatform.ServiceDefaults.Data;

/// <summary>
/// Brings the schema up to date before anything else starts. Hosted services start one after the
/// other in registration order, so registering the database before messaging means no consumer
/// runs against an old schema. EF Core takes a migration lock, so replicas starting together on one
/// PostgreSQL database apply each migration once.
/// </summary>
internal sealed partial class DatabaseMigrator<TContext>(IServiceProvider services, DatabaseInfo database, ILogger<DatabaseMigrator<TContext>> logger)
    : IHostedService where TContext : DbContext
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<TContext>();
        var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await context.Database.MigrateAsync(cancellationToken);
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            // Readers do not block the writer and the writer does not block readers.
            await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        LogMigrated(logger, database.ConnectionName, database.Provider, pending.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Database {Name} ({Provider}) is up to date; {Count} migration(s) applied")]
    private static partial void LogMigrated(ILogger logger, string name, DatabaseProvider provider, int count);
}
