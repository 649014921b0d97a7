namespace CircularPlatform.Hosting;

/// <summary>A launched instance: its pid when it is a process we can see, and when it ends.</summary>
internal sealed record RunningInstance(int? Pid, Task Exited, Func<int?> ExitCode, Func<Task> StopAsync);

/// <summary>How one kind of resource is launched, probed and stopped; supervision is shared.</summary>
internal interface IResourceDriver
{
    string Type { get; }

    int InstanceCount { get; }

    string InstanceName(int index);

    /// <summary>URLs shown for the instance (http, amqp...), without secrets.</summary>
    IReadOnlyList<string> Urls(int index);

    /// <summary>Variables given to the instance, for display; empty when not a process of ours.</summary>
    IReadOnlyDictionary<string, string> Environment(int index);

    bool HasHealthCheck { get; }

    /// <summary>Throws when the instance cannot be launched at all (FailedToStart).</summary>
    Task<RunningInstance> LaunchAsync(int index, Action<string, bool> onLine, CancellationToken cancellationToken);

    Task<bool> CheckHealthAsync(int index, CancellationToken cancellationToken);

    /// <summary>Last clean-up when the application stops (e.g. the broker's epmd).</summary>
    ValueTask ShutdownAsync();
}
