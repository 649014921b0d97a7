namespace CircularPlatform.Hosting;

/// <summary>One process (replica) of a resource, or the single instance of a server or connection string.</summary>
public sealed record ReplicaSnapshot(
    string Name,
    int Index,
    ResourceState State,
    ResourceHealth Health,
    string? Url,
    int? Pid,
    int RestartCount,
    int? ExitCode,
    DateTimeOffset? StartedAt,
    string? Error,
    IReadOnlyDictionary<string, string> Environment);

/// <summary>
/// A resource at one moment. <see cref="State"/> and <see cref="Health"/> summarise the replicas:
/// the state that most needs attention wins, and it is healthy only when every replica is.
/// </summary>
public sealed record ResourceSnapshot(
    string Name,
    string Type,
    ResourceState State,
    ResourceHealth Health,
    IReadOnlyList<string> Urls,
    IReadOnlyList<int> Pids,
    int RestartCount,
    IReadOnlyList<ReplicaSnapshot> Replicas,
    IReadOnlyList<string> WaitsFor)
{
    public bool IsHealthy => State == ResourceState.Running && Health == ResourceHealth.Healthy;
}
