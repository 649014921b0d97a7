namespace CircularPlatform.Hosting;

internal sealed class PostgresDatabaseDriver(PostgresDatabaseResource resource) : IResourceDriver
{
    public string Type => "PostgreSQLDatabase";

    public int InstanceCount => 1;

    public bool HasHealthCheck => false;

    public string InstanceName(int index) => resource.Name;

    public IReadOnlyList<string> Urls(int index) => [];

    public IReadOnlyDictionary<string, string> Environment(int index) => new Dictionary<string, string>();

    public async Task<RunningInstance> LaunchAsync(int index, Action<string, bool> onLine, CancellationToken cancellationToken)
    {
        if (resource.Parent.Cluster is { } cluster)
        {
            await cluster.CreateDatabaseAsync(resource.DatabaseName, cancellationToken).ConfigureAwait(false);
            onLine($"database {resource.DatabaseName} ready", false);
        }
        return Idle.Instance;
    }

    public Task<bool> CheckHealthAsync(int index, CancellationToken cancellationToken) => Task.FromResult(true);

    public ValueTask ShutdownAsync() => ValueTask.CompletedTask;
}
