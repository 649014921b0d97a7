namespace CircularPlatform.Hosting;

public sealed class RabbitMqNodeOptions
{
    /// <summary>The node's own folder: HOME, configuration, data, logs and pid file live here.</summary>
    public required string Directory { get; init; }

    /// <summary>Off by default: the management plugin adds seconds to every boot.</summary>
    public bool EnableManagement { get; init; }

    /// <summary>Fixed AMQP port; a free loopback port when null.</summary>
    public int? AmqpPort { get; init; }

    public int? ManagementPort { get; init; }

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>Deletes <see cref="Directory"/> on dispose; for throw-away nodes in tests.</summary>
    public bool DeleteDirectoryOnDispose { get; init; }

    /// <summary>Extra variables for the node's processes, e.g. a marker to find them by.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Receives each console line of the server (text, isError).</summary>
    public Action<string, bool>? OutputLine { get; init; }
}
