namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// A RabbitMQ node run from the machine's rabbitmq-server as a host process: Aspire's RabbitMQ
/// integration needs a container engine, which these machines do not have. The node is isolated
/// (its own HOME and cookie, node name, configuration, data, log folder and ports, loopback only),
/// so it neither disturbs nor is disturbed by another node on the machine.
/// </summary>
public sealed class RabbitMQNodeResource(string name, string nodeFolder, string user, ParameterResource password)
    : ExecutableResource(name, RabbitMQNodeLayout.ServerCommand, nodeFolder), IResourceWithConnectionString
{
    internal const string AmqpEndpointName = "amqp";
    internal const string ManagementEndpointName = "management";

    public string NodeFolder { get; } = nodeFolder;

    public string User { get; } = user;

    public ParameterResource Password { get; } = password;

    public EndpointReference AmqpEndpoint => new(this, AmqpEndpointName);

    public EndpointReference ManagementEndpoint => new(this, ManagementEndpointName);

    /// <summary>The node binds 127.0.0.1 only, so the address is spelled out: "localhost" may resolve to ::1 first.</summary>
    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"amqp://{User}:{Password}@127.0.0.1:{AmqpEndpoint.Property(EndpointProperty.Port)}/");
}

/// <summary>
/// The node's Erlang port mapper, run in the foreground as its own resource so that it ends with
/// the AppHost. Shown under the node by a relationship only: a true child resource would take on
/// the node's health checks, and the node waits for it.
/// </summary>
public sealed class EpmdResource(string name, string workingDirectory)
    : ExecutableResource(name, RabbitMQNodeLayout.EpmdCommand, workingDirectory);
