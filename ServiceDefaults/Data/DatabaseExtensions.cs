using CircularPlatform.ServiceDefaults.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

public static class DatabaseExtensions
{
    /// <summary>
    /// The service's own database from <c>ConnectionStrings:&lt;connectionName&gt;</c>: PostgreSQL when it
    /// names one, otherwise an SQLite file (by default <c>&lt;DataFolder&gt;/&lt;connectionName&gt;.db</c>).
    /// EF Core migrations are provider-specific, so each provider has its own context type deriving from
    /// <typeparamref name="TContext"/>, with its own migrations; the service only ever sees <typeparamref name="TContext"/>.
    /// Migrations are applied when the service starts, before it consumes messages or serves requests.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TContext, TSqliteContext, TPostgresContext>(this IHostApplicationBuilder builder, string connectionName)
        where TContext : DbContext
        where TSqliteContext : TContext
        where TPostgresContext : TContext
    {
        var connectionString = ResolveConnectionString(builder, connectionName);
        var provider = DatabaseProviders.Detect(connectionString);
        // Pooled: the options are built once and a context, with EF Core's services for it, is
        // reused from one request to the next. Built for every request they were a third of what a
        // list request allocated. Interceptors therefore come from the root provider: singletons only.
        if (provider == DatabaseProvider.PostgreSql)
        {
            connectionString = PostgresPool.Bounded(connectionString);
            builder.Services.AddDbContextPool<TContext, TPostgresContext>((services, options) =>
                options.UseNpgsql(connectionString).AddInterceptors(services.GetServices<IInterceptor>()));
        }
        else
        {
            builder.Services.AddDbContextPool<TContext, TSqliteContext>((services, options) =>
                options.UseSqlite(connectionString).AddInterceptors(services.GetServices<IInterceptor>()));
        }

        builder.Services.AddSingleton(new DatabaseInfo(connectionName, provider));
        builder.Services.AddSingleton<SqliteWriteGate>();
        builder.Services.AddSingleton<DatabaseWrites>();
        if (provider == DatabaseProvider.Sqlite)
        {
            builder.Services.AddSingleton<IInterceptor, SqliteWriteGateInterceptor>();
        }
        builder.Services.AddHostedService<DatabaseMigrator<TContext>>();
        builder.Services.AddHealthChecks().AddDbContextCheck<TContext>("database");
        return builder;
    }

    private static string ResolveConnectionString(IHostApplicationBuilder builder, string connectionName)
    {
        var configured = builder.Configuration.GetConnectionString(connectionName);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            if (DatabaseProviders.Detect(configured) == DatabaseProvider.Sqlite)
            {
                EnsureFolderOf(configured);
            }
            return configured;
        }

        var folder = builder.Configuration["DataFolder"] is { Length: > 0 } dataFolder
            ? dataFolder
            : Path.Combine(builder.Environment.ContentRootPath, ".data");
        Directory.CreateDirectory(folder);
        return new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, connectionName + ".db") }.ToString();
    }

    private static void EnsureFolderOf(string sqliteConnectionString)
    {
        var file = new SqliteConnectionStringBuilder(sqliteConnectionString).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(file));
        if (!string.IsNullOrEmpty(folder) && file != ":memory:")
        {
            Directory.CreateDirectory(folder);
        }
    }

    /// <summary>
    /// Times are stored in UTC. SQLite hands DateTime values back without a kind, so every DateTime is
    /// marked UTC on the way in and out; on PostgreSQL they are timestamptz.
    /// </summary>
    public static ModelConfigurationBuilder UseUtcDateTimes(this ModelConfigurationBuilder configuration)
    {
        configuration.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configuration.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
        return configuration;
    }
}
