using System.Globalization;

namespace CircularPlatform.Hosting;

internal sealed class PostgresDriver : IResourceDriver
{
    private readonly PostgresServerResource _resource;
    private Action<string, bool>? _onLine;

    public PostgresDriver(PostgresServerResource resource, HostingContext context)
    {
        _resource = resource;
        if (!resource.IsExternal)
        {
            resource.Cluster = new PostgresCluster(new PostgresClusterOptions
            {
                Directory = resource.Directory,
                Environment = new Dictionary<string, string> { [HostingContext.RunMarkerVariable] = context.RunId },
                OutputLine = (line, isError) => _onLine?.Invoke(line, isError),
            });
        }
    }

    public string Type => "PostgreSQL";

    public int InstanceCount => 1;

    public bool HasHealthCheck => _resource.Cluster is not null;

    public string InstanceName(int index) => _resource.Name;

    public IReadOnlyList<string> Urls(int index) =>
        _resource.Cluster is { } cluster ? [$"postgres://127.0.0.1:{cluster.Port.ToString(CultureInfo.InvariantCulture)}"] : [];

    public IReadOnlyDictionary<string, string> Environment(int index) => new Dictionary<string, string>();

    public async Task<RunningInstance> LaunchAsync(int index, Action<string, bool> onLine, CancellationToken cancellationToken)
    {
        if (_resource.Cluster is not { } cluster)
        {
            return Idle.Instance;
        }
        _onLine = onLine;
        await cluster.StartAsync(cancellationToken).ConfigureAwait(false);
        return new RunningInstance(cluster.PostmasterPid, WatchAsync(cluster), () => null, cluster.StopAsync);
    }

    public async Task<bool> CheckHealthAsync(int index, CancellationToken cancellationToken) =>
        _resource.Cluster is not { } cluster || await FreePorts.IsListeningAsync(cluster.Port, cancellationToken).ConfigureAwait(false);

    public ValueTask ShutdownAsync() => _resource.Cluster?.DisposeAsync() ?? ValueTask.CompletedTask;

    // The postmaster is daemonised by pg_ctl, so it is not our child: its end is seen by polling.
    private static async Task WatchAsync(PostgresCluster cluster)
    {
        while (cluster.IsRunning)
        {
            await Task.Delay(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        }
    }
}
