namespace CircularPlatform.Hosting;

/// <summary>
/// A PostgreSQL server: a local cluster, or the external server given by configuration
/// ConnectionStrings:name, in which case nothing is started.
/// </summary>
public sealed class PostgresServerResource(string name, string directory, string? externalConnectionString) : IResourceWithConnectionString
{
    private readonly List<PostgresDatabaseResource> _databases = [];

    public string Name { get; } = name;

    public string Directory { get; } = directory;

    public string? ExternalConnectionString { get; } = externalConnectionString;

    public bool IsExternal => ExternalConnectionString is not null;

    /// <summary>The local cluster, once the application is built (null for an external server).</summary>
    public PostgresCluster? Cluster { get; internal set; }

    public IReadOnlyList<PostgresDatabaseResource> Databases => _databases;

    public string? ConnectionString => ExternalConnectionString ?? Cluster?.ConnectionString();

    internal void Add(PostgresDatabaseResource database) => _databases.Add(database);
}
