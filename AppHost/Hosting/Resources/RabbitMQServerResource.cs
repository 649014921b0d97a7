namespace CircularPlatform.Hosting;

/// <summary>
/// A RabbitMQ broker: an isolated local node, or the external broker given by configuration
/// ConnectionStrings:name, in which case nothing is started.
/// </summary>
public sealed class RabbitMQServerResource(string name, string directory, string? externalConnectionString) : IResourceWithConnectionString
{
    public string Name { get; } = name;

    /// <summary>The local node's folder.</summary>
    public string Directory { get; } = directory;

    public string? ExternalConnectionString { get; } = externalConnectionString;

    public bool IsExternal => ExternalConnectionString is not null;

    public bool EnableManagement { get; set; } = true;

    /// <summary>The local node, once the application is built (null for an external broker).</summary>
    public RabbitMqNode? Node { get; internal set; }

    public string? ConnectionString => ExternalConnectionString ?? Node?.ConnectionString;
}
