using System.Globalization;

namespace CircularPlatform.Hosting;

/// <summary>
/// A local PostgreSQL cluster from the machine's binaries, on its own loopback port with trust
/// authentication for the postgres role. initdb refuses to run as root, so as root every server
/// tool runs as the postgres user through runuser.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private readonly PostgresClusterOptions _options;
    private readonly string _binDirectory;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _disposed;
    private bool _started;

    public PostgresCluster(PostgresClusterOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(options.Directory);
        _options = options;
        Directory = Path.GetFullPath(options.Directory);
        Port = options.Port ?? FreePorts.Next();
        _binDirectory = FindBinDirectory();
    }

    public string Directory { get; }

    public string DataDirectory => Path.Combine(Directory, "data");

    public int Port { get; }

    /// <summary>The postmaster's pid while it runs (first line of postmaster.pid).</summary>
    public int? PostmasterPid
    {
        get
        {
            try
            {
                var first = File.ReadLines(Path.Combine(DataDirectory, "postmaster.pid")).FirstOrDefault();
                return int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && ProcFs.IsAlive(pid) ? pid : null;
            }
            catch (IOException)
            {
                return null;
            }
        }
    }

    public bool IsRunning => PostmasterPid is not null;

    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database}";

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (IsRunning)
            {
                if (_started)
                {
                    return;
                }
                // Left by an earlier run that was killed: it listens on another port, so restart it on ours.
                await RunToolAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "-t", "30", "stop"], cancellationToken).ConfigureAwait(false);
            }
            System.IO.Directory.CreateDirectory(Directory);
            if (Posix.IsRoot)
            {
                await RunAsync("chown", ["-R", "postgres:postgres", Directory], asPostgres: false, cancellationToken).ConfigureAwait(false);
                var reachable = await ExternalCommand.RunAsync("runuser", ["-u", "postgres", "--", "test", "-w", Directory], cancellationToken: cancellationToken)
                    .ConfigureAwait(false);
                if (!reachable.Succeeded)
                {
                    throw new InvalidOperationException(
                        $"The postgres user cannot write to {Directory}: every parent folder must be traversable by it (o+x). Use a data folder under /tmp, e.g. --DataFolder /tmp/circular.");
                }
            }
            if (!File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
            {
                await RunToolAsync("initdb", ["-D", DataDirectory, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-instructions"], cancellationToken)
                    .ConfigureAwait(false);
            }
            await RunToolAsync(
                "pg_ctl",
                ["-D", DataDirectory, "-l", Path.Combine(Directory, "postgres.log"), "-o", $"-p {Port} -k '{DataDirectory}' -c listen_addresses=127.0.0.1", "-w", "-t", "60", "start"],
                cancellationToken).ConfigureAwait(false);
            _started = true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Fast shutdown: open transactions are rolled back, clients disconnected.</summary>
    public async Task StopAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (IsRunning)
            {
                await RunToolAsync("pg_ctl", ["-D", DataDirectory, "-m", "fast", "-w", "-t", "30", "stop"], CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Creates the database unless it exists; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        var quoted = name.Replace("'", "''", StringComparison.Ordinal);
        var exists = await QueryAsync($"SELECT 1 FROM pg_database WHERE datname = '{quoted}'", "postgres", cancellationToken).ConfigureAwait(false);
        if (exists.Trim() != "1")
        {
            await QueryAsync($"CREATE DATABASE \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", "postgres", cancellationToken).ConfigureAwait(false);
        }
        return ConnectionString(name);
    }

    /// <summary>Runs SQL through psql over TCP; returns the unaligned, tuples-only output.</summary>
    public async Task<string> QueryAsync(string sql, string database = "postgres", CancellationToken cancellationToken = default)
    {
        var result = await ExternalCommand.RunAsync(
            Path.Combine(_binDirectory, "psql"),
            ["-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", "postgres", "-d", database, "-v", "ON_ERROR_STOP=1", "-X", "-A", "-t", "-c", sql],
            Environment(),
            timeout: TimeSpan.FromSeconds(60),
            cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"psql failed ({result.ExitCode}): {result.Output}");
        }
        return result.Output;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        try
        {
            await StopAsync().ConfigureAwait(false);
        }
        finally
        {
            _disposed = true;
            if (PostmasterPid is { } pid)
            {
                Posix.Signal(pid, Posix.SigKill);
            }
            if (_options.DeleteDirectoryOnDispose)
            {
                try
                {
                    System.IO.Directory.Delete(Directory, recursive: true);
                }
                catch (IOException)
                {
                    // Best effort, as for any throw-away folder.
                }
            }
        }
    }

    private Task RunToolAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        RunAsync(Path.Combine(_binDirectory, tool), arguments, asPostgres: Posix.IsRoot, cancellationToken);

    private async Task RunAsync(string file, IReadOnlyList<string> arguments, bool asPostgres, CancellationToken cancellationToken)
    {
        var (fileName, args) = asPostgres
            ? ("runuser", (IEnumerable<string>)["-u", "postgres", "--", file, .. arguments])
            : (file, arguments);
        var result = await ExternalCommand.RunAsync(fileName, args, Environment(), Directory, TimeSpan.FromSeconds(90), cancellationToken)
            .ConfigureAwait(false);
        foreach (var line in result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            _options.OutputLine?.Invoke(line, false);
        }
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} failed ({result.ExitCode}):\n{result.Output}");
        }
    }

    private Dictionary<string, string?> Environment()
    {
        // The server must not pick up a PGDATA/PGPORT meant for another cluster.
        var environment = new Dictionary<string, string?> { ["PGDATA"] = null, ["PGPORT"] = null, ["PGHOST"] = null };
        foreach (var (key, value) in _options.Environment)
        {
            environment[key] = value;
        }
        return environment;
    }

    private static string FindBinDirectory()
    {
        var candidates = System.IO.Directory.Exists("/usr/lib/postgresql")
            ? System.IO.Directory.GetDirectories("/usr/lib/postgresql")
                .Select(version => Path.Combine(version, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "pg_ctl")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major) ? major : 0)
                .ToList()
            : [];
        return candidates.FirstOrDefault()
            ?? throw new InvalidOperationException("PostgreSQL binaries not found under /usr/lib/postgresql/*/bin.");
    }
}
