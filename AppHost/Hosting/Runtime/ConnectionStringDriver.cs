namespace CircularPlatform.Hosting;

internal sealed class ConnectionStringDriver(ConnectionStringResource resource) : IResourceDriver
{
    public string Type => "ConnectionString";

    public int InstanceCount => 1;

    public bool HasHealthCheck => false;

    public string InstanceName(int index) => resource.Name;

    public IReadOnlyList<string> Urls(int index) => [];

    public IReadOnlyDictionary<string, string> Environment(int index) => new Dictionary<string, string>();

    public Task<RunningInstance> LaunchAsync(int index, Action<string, bool> onLine, CancellationToken cancellationToken)
    {
        if (resource.ConnectionString is null)
        {
            onLine($"ConnectionStrings:{resource.Name} is not configured; references to it are left out.", true);
        }
        return Task.FromResult(Idle.Instance);
    }

    public Task<bool> CheckHealthAsync(int index, CancellationToken cancellationToken) => Task.FromResult(true);

    public ValueTask ShutdownAsync() => ValueTask.CompletedTask;
}
