namespace CircularPlatform.Hosting;

public sealed class PostgresClusterOptions
{
    /// <summary>
    /// The cluster's folder (data in its "data" subfolder). When running as root its parents must be
    /// traversable by the postgres user: /tmp is, most home folders are not.
    /// </summary>
    public required string Directory { get; init; }

    /// <summary>Fixed port; a free loopback port when null.</summary>
    public int? Port { get; init; }

    public bool DeleteDirectoryOnDispose { get; init; }

    /// <summary>Extra variables for the server's processes, e.g. a marker to find them by.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Receives each line the server tools print (text, isError).</summary>
    public Action<string, bool>? OutputLine { get; init; }
}
