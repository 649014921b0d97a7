using System.Globalization;
using Aspire.Hosting.ApplicationModel;
using CircularPlatform.AppHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Aspire.Hosting;

public static class PostgresNodeBuilderExtensions
{
    /// <summary>
    /// Room for every service's bounded pool (ServiceDefaults' PostgresPool: 30 each) with two replicas of each,
    /// and the tools beside them; PostgreSQL's default of 100 was taken by one busy service. The
    /// test run's shared node serves hundreds of short-lived service hosts, each of whose pools keeps
    /// its idle connections until its class drops its databases: 300 ran out there.
    /// </summary>
    public const int MaxConnections = 1_000;

    /// <summary>
    /// A PostgreSQL cluster in <paramref name="folder"/>: initdb once (a run-to-completion
    /// resource), then the server. initdb refuses to run as root, so as root both run as the
    /// postgres user, which then owns the folder.
    /// </summary>
    public static IResourceBuilder<PostgresNodeResource> AddPostgresNode(this IDistributedApplicationBuilder builder, [ResourceName] string name, string folder)
    {
        folder = Path.GetFullPath(folder);
        Directory.CreateDirectory(folder);
        var data = Path.Combine(folder, "data");
        var binaries = FindBinaries();
        var port = FreePorts.Next();
        var asRoot = Environment.UserName == "root";

        string[] initdb = [Path.Combine(binaries, "initdb"), "-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-instructions"];
        var script = $"test -f '{data}/PG_VERSION' && exit 0; " + (asRoot
            ? $"chown -R postgres:postgres '{folder}' && {{ runuser -u postgres -- test -w '{folder}' || {{ echo 'The postgres user cannot reach {folder}: every parent folder must be traversable by it (o+x). Use a data folder under /tmp, e.g. --DataFolder /tmp/circular.' >&2; exit 1; }}; }} && runuser -u postgres -- {string.Join(' ', initdb.Select(Quote))}"
            : string.Join(' ', initdb.Select(Quote)));
        var init = builder.AddExecutable($"{name}-init", "/bin/sh", folder, "-c", script);

        // The server is started by a shell that turns the orchestrator's SIGTERM into SIGINT,
        // PostgreSQL's fast shutdown: SIGTERM is its "smart" one, which waits for every client,
        // so the orchestrator would kill it and each start would recover from a crash. As root it
        // runs as the postgres user through setpriv, which leaves no process between.
        var postgres = string.Join(' ', new[] { Path.Combine(binaries, "postgres"), "-D", data, "-p", port.ToString(CultureInfo.InvariantCulture), "-k", data, "-c", "listen_addresses=127.0.0.1", "-c", $"max_connections={MaxConnections}" }.Select(Quote));
        var asPostgres = asRoot ? "setpriv --reuid=postgres --regid=postgres --init-groups -- " : "";
        var server = $"{asPostgres}{postgres} & pid=$!; trap 'kill -INT $pid' TERM INT; wait $pid; trap - TERM INT; wait $pid";
        var node = new PostgresNodeResource(name, "/bin/sh", folder);
        init.WithParentRelationship(node);

        var check = $"{name}-answers";
        // Not pooled: an idle connection kept by the AppHost would hold up the server's shutdown.
        var serverConnection = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Timeout=5;Pooling=false";
        builder.Services.AddHealthChecks().AddAsyncCheck(check, cancellationToken => AnswersAsync(serverConnection, cancellationToken));

        return builder.AddResource(node)
            .WithArgs("-c", server)
            .WithEndpoint(port: port, targetPort: port, name: PostgresNodeResource.EndpointName, isProxied: false)
            // A PGDATA or PGPORT meant for another cluster must not reach this one.
            .WithEnvironment("PGDATA", data)
            .WithEnvironment("PGPORT", port.ToString(CultureInfo.InvariantCulture))
            .WithHealthCheck(check)
            .WaitForCompletion(init)
            .OnResourceReady(async (resource, ready, cancellationToken) =>
            {
                await using var connection = new NpgsqlConnection(serverConnection);
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                var notifications = ready.Services.GetRequiredService<ResourceNotificationService>();
                foreach (var database in resource.Databases)
                {
                    await CreateUnlessExistsAsync(connection, database.DatabaseName, cancellationToken).ConfigureAwait(false);
                    // Aspire passes a parent's state on to its children for containers only: a
                    // database without a state is never health-checked, and whoever waits for it waits forever.
                    await notifications.PublishUpdateAsync(database, state => state with { State = KnownResourceStates.Running }).ConfigureAwait(false);
                }
            })
            .OnResourceStopped(async (resource, stopped, _) =>
            {
                var notifications = stopped.Services.GetRequiredService<ResourceNotificationService>();
                foreach (var database in resource.Databases)
                {
                    await notifications.PublishUpdateAsync(database, state => state with { State = KnownResourceStates.Exited }).ConfigureAwait(false);
                }
            });
    }

    public static IResourceBuilder<PostgresNodeDatabaseResource> AddDatabase(this IResourceBuilder<PostgresNodeResource> builder, [ResourceName] string name, string? databaseName = null)
    {
        var database = new PostgresNodeDatabaseResource(name, databaseName ?? name, builder.Resource);
        builder.Resource.Add(database);
        var check = $"{name}-answers";
        builder.ApplicationBuilder.Services.AddHealthChecks().AddAsyncCheck(check, async cancellationToken =>
            await AnswersAsync(await database.ConnectionStringExpression.GetValueAsync(cancellationToken).ConfigureAwait(false) + ";Timeout=5;Pooling=false", cancellationToken)
                .ConfigureAwait(false));
        return builder.ApplicationBuilder.AddResource(database).WithHealthCheck(check);
    }

    private static async Task<HealthCheckResult> AnswersAsync(string? connectionString, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand("select 1", connection);
            await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy(e.Message);
        }
    }

    private static async Task CreateUnlessExistsAsync(NpgsqlConnection connection, string database, CancellationToken cancellationToken)
    {
        await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = @name", connection);
        exists.Parameters.AddWithValue("name", database);
        if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null)
        {
            await using var create = new NpgsqlCommand($"create database \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Quote(string argument) => "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string FindBinaries() =>
        (Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(version => Path.Combine(version, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "postgres")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major) ? major : 0)
                .FirstOrDefault()
            : null)
        ?? throw new DistributedApplicationException("PostgreSQL's binaries were not found under /usr/lib/postgresql/*/bin: install the postgresql package.");
}
