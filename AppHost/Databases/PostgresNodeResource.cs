namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// A PostgreSQL server run from the machine's binaries as a host process (Aspire's PostgreSQL
/// integration needs a container engine): its own cluster folder, port and socket folder, loopback
/// only, trust authentication for the postgres role on loopback, as a developer's cluster.
/// </summary>
public sealed class PostgresNodeResource(string name, string command, string clusterFolder)
    : ExecutableResource(name, command, clusterFolder), IResourceWithConnectionString
{
    internal const string EndpointName = "tcp";
    private readonly List<PostgresNodeDatabaseResource> _databases = [];

    public string ClusterFolder { get; } = clusterFolder;

    public EndpointReference Endpoint => new(this, EndpointName);

    public IReadOnlyList<PostgresNodeDatabaseResource> Databases => _databases;

    public ReferenceExpression ConnectionStringExpression => ConnectionStringFor("postgres");

    internal ReferenceExpression ConnectionStringFor(string database) =>
        ReferenceExpression.Create($"Host=127.0.0.1;Port={Endpoint.Property(EndpointProperty.Port)};Username=postgres;Database={database}");

    internal void Add(PostgresNodeDatabaseResource database) => _databases.Add(database);
}

/// <summary>One service's database on a <see cref="PostgresNodeResource"/>, created when the server is ready.</summary>
public sealed class PostgresNodeDatabaseResource(string name, string databaseName, PostgresNodeResource parent)
    : Resource(name), IResourceWithParent<PostgresNodeResource>, IResourceWithConnectionString
{
    public string DatabaseName { get; } = databaseName;

    public PostgresNodeResource Parent { get; } = parent;

    public ReferenceExpression ConnectionStringExpression => Parent.ConnectionStringFor(DatabaseName);
}
