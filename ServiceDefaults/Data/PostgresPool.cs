using System.Data.Common;
using Npgsql;

namespace CircularPlatform.ServiceDefaults.Data;

/// <summary>
/// Connections per instance unless the connection string says otherwise. Npgsql's default of 100
/// let two replicas of one service take every connection PostgreSQL accepts by default, and the
/// next request then failed ("too many clients"). Bounded, a burst waits for a free connection
/// instead (Npgsql's <c>Timeout</c>): writes to one event are serialised by its row lock anyway,
/// so more connections would only wait there.
/// </summary>
public static class PostgresPool
{
    public const int DefaultMaxSize = 30;

    public static string Bounded(string connectionString)
    {
        // A URI is handed to Npgsql as it is: it has no keywords to add one to.
        if (connectionString.TrimStart().StartsWith("postgres", StringComparison.OrdinalIgnoreCase) && connectionString.Contains("://", StringComparison.Ordinal))
        {
            return connectionString;
        }
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var saysMaximum = given.Keys.Cast<string>()
            .Select(key => key.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant())
            .Any(key => key is "maximumpoolsize" or "maxpoolsize");
        return saysMaximum
            ? connectionString
            : new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = DefaultMaxSize }.ConnectionString;
    }
}
