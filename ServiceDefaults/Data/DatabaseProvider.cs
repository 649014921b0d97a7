namespace CircularPlatform.ServiceDefaults.Data;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

public static class DatabaseProviders
{
    /// <summary>
    /// A PostgreSQL connection string names a host (<c>Host=</c>, <c>Server=</c>) or is a
    /// <c>postgres://</c> URI; anything else (<c>Data Source=file.db</c>) is an SQLite file.
    /// </summary>
    public static DatabaseProvider Detect(string connectionString)
    {
        var value = connectionString.TrimStart();
        if (value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            || value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return DatabaseProvider.PostgreSql;
        }
        foreach (var part in value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var key = part.Split('=', 2)[0].Trim();
            if (key.Equals("Host", StringComparison.OrdinalIgnoreCase) || key.Equals("Server", StringComparison.OrdinalIgnoreCase))
            {
                return DatabaseProvider.PostgreSql;
            }
        }
        return DatabaseProvider.Sqlite;
    }
}
