namespace CircularPlatform.Hosting;

/// <summary>A resource run as one or more local processes (replicas).</summary>
public abstract class ProcessResource(string name) : IResource
{
    private readonly List<int> _ports = [];

    public string Name { get; } = name;

    public abstract string Command { get; }

    public abstract string WorkingDirectory { get; }

    /// <summary>Arguments added with WithArgs.</summary>
    public IList<string> Args { get; } = [];

    /// <summary>Variables from WithEnvironment and WithReference; evaluated at each launch.</summary>
    public IList<KeyValuePair<string, Func<string?>>> Environment { get; } = [];

    /// <summary>Resources referenced: stopped only after this one.</summary>
    public IList<IResource> References { get; } = [];

    /// <summary>Resources that must be healthy before this one starts.</summary>
    public IList<IResource> WaitsFor { get; } = [];

    public int Replicas { get; set; } = 1;

    public bool HasHttpEndpoint { get; set; }

    public int? FixedPort { get; set; }

    /// <summary>Variable that receives the port, for executables that are told their port that way.</summary>
    public string? PortEnvironmentVariable { get; set; }

    public string? HealthCheckPath { get; set; }

    /// <summary>One URL per replica once built; empty when the resource has no HTTP endpoint.</summary>
    public IReadOnlyList<Uri> Urls => [.. _ports.Select(UrlFor)];

    internal IReadOnlyList<int> Ports => _ports;

    internal virtual IEnumerable<string> LaunchArguments => Args;

    internal void AllocatePorts()
    {
        _ports.Clear();
        if (!HasHttpEndpoint)
        {
            return;
        }
        if (FixedPort is { } fixedPort)
        {
            if (Replicas != 1)
            {
                throw new InvalidOperationException($"'{Name}' has a fixed port {fixedPort} and {Replicas} replicas; replicas need their own ports.");
            }
            _ports.Add(fixedPort);
            return;
        }
        for (var i = 0; i < Replicas; i++)
        {
            _ports.Add(FreePorts.Next());
        }
    }

    // "localhost" for a fixed port gives people the address they expect to type; free ports are
    // probed on 127.0.0.1 only, so those bind exactly there.
    private Uri UrlFor(int port) => new(FixedPort is null ? $"http://127.0.0.1:{port}" : $"http://localhost:{port}");
}
