using System.Data.Common;

namespace CircularPlatform.Hosting;

/// <summary>A database on a <see cref="PostgresServerResource"/>; created when the server is up.</summary>
public sealed class PostgresDatabaseResource(string name, string databaseName, PostgresServerResource parent, string? configuredConnectionString)
    : IResourceWithConnectionString
{
    public string Name { get; } = name;

    public string DatabaseName { get; } = databaseName;

    public PostgresServerResource Parent { get; } = parent;

    public string? ConnectionString =>
        configuredConnectionString ?? Parent.Cluster?.ConnectionString(DatabaseName) ?? WithDatabase(Parent.ExternalConnectionString);

    private string? WithDatabase(string? server)
    {
        if (server is null)
        {
            return null;
        }
        var builder = new DbConnectionStringBuilder { ConnectionString = server };
        builder["Database"] = DatabaseName;
        return builder.ConnectionString;
    }
}
