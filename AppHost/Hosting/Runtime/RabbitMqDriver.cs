using System.Globalization;

namespace CircularPlatform.Hosting;

internal sealed class RabbitMqDriver : IResourceDriver
{
    private readonly RabbitMQServerResource _resource;
    private Action<string, bool>? _onLine;

    public RabbitMqDriver(RabbitMQServerResource resource, HostingContext context)
    {
        _resource = resource;
        if (!resource.IsExternal)
        {
            resource.Node = new RabbitMqNode(new RabbitMqNodeOptions
            {
                Directory = resource.Directory,
                EnableManagement = resource.EnableManagement,
                Environment = new Dictionary<string, string> { [HostingContext.RunMarkerVariable] = context.RunId },
                OutputLine = (line, isError) => _onLine?.Invoke(line, isError),
            });
        }
    }

    public string Type => "RabbitMQ";

    public int InstanceCount => 1;

    public bool HasHealthCheck => _resource.Node is not null;

    public string InstanceName(int index) => _resource.Name;

    public IReadOnlyList<string> Urls(int index) => _resource.Node is { } node
        ? node.ManagementUri is { } management
            ? [$"amqp://127.0.0.1:{node.AmqpPort.ToString(CultureInfo.InvariantCulture)}", management.ToString()]
            : [$"amqp://127.0.0.1:{node.AmqpPort.ToString(CultureInfo.InvariantCulture)}"]
        : [];

    public IReadOnlyDictionary<string, string> Environment(int index) => new Dictionary<string, string>();

    public async Task<RunningInstance> LaunchAsync(int index, Action<string, bool> onLine, CancellationToken cancellationToken)
    {
        if (_resource.Node is not { } node)
        {
            return Idle.Instance;
        }
        _onLine = onLine;
        await node.StartAsync(cancellationToken).ConfigureAwait(false);
        return new RunningInstance(node.BeamPid, node.Exited, () => null, node.StopAsync);
    }

    public Task<bool> CheckHealthAsync(int index, CancellationToken cancellationToken) =>
        _resource.Node is { } node ? AmqpProbe.AnswersAsync(node.AmqpPort, cancellationToken) : Task.FromResult(true);

    public ValueTask ShutdownAsync() => _resource.Node?.DisposeAsync() ?? ValueTask.CompletedTask;
}
