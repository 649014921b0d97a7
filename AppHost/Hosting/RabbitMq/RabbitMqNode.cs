using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CircularPlatform.Hosting;

/// <summary>
/// An isolated RabbitMQ node run from the system's rabbitmq-server: its own HOME (cookie),
/// configuration, data, ports and epmd, bound to loopback, so it cannot disturb or be disturbed
/// by any other node on the machine. It can be stopped and started again on the same ports and
/// data, or killed to simulate a crash.
/// </summary>
public sealed class RabbitMqNode : IAsyncDisposable
{
    private const string BinDirectory = "/usr/lib/rabbitmq/bin";
    private const int RecentLineCount = 200;

    private readonly RabbitMqNodeOptions _options;
    private readonly Queue<string> _recentLines = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly int _distPort;
    private ChildProcess? _server;
    private bool _staleProcessesChecked;
    private bool _disposed;

    public RabbitMqNode(RabbitMqNodeOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(options.Directory);
        _options = options;
        Directory = Path.GetFullPath(options.Directory);
        System.IO.Directory.CreateDirectory(Directory);

        var identity = NodeIdentity.LoadOrCreate(Path.Combine(Directory, "node.json"));
        NodeName = identity.NodeName;
        User = identity.User;
        Password = identity.Password;

        AmqpPort = options.AmqpPort ?? FreePorts.Next();
        _distPort = FreePorts.Next();
        EpmdPort = FreePorts.Next();
        ManagementPort = options.EnableManagement ? options.ManagementPort ?? FreePorts.Next() : null;
    }

    public string Directory { get; }

    /// <summary>name@localhost, stable across runs in the same directory so its data is found again.</summary>
    public string NodeName { get; }

    public string User { get; }

    public string Password { get; }

    public int AmqpPort { get; }

    public int EpmdPort { get; }

    public int? ManagementPort { get; }

    public Uri? ManagementUri => ManagementPort is { } port ? new Uri($"http://127.0.0.1:{port}/") : null;

    public string ConnectionString =>
        $"amqp://{Uri.EscapeDataString(User)}:{Uri.EscapeDataString(Password)}@127.0.0.1:{AmqpPort}/";

    public bool IsRunning => _server is { HasExited: false };

    /// <summary>Completes when the running server ends, whatever the reason.</summary>
    public Task Exited => _server?.Exited ?? Task.CompletedTask;

    /// <summary>The Erlang VM's pid while it runs, from the node's pid file.</summary>
    public int? BeamPid
    {
        get
        {
            try
            {
                var text = File.ReadAllText(PidFile).Trim();
                return int.TryParse(text, out var pid) && ProcFs.IsAlive(pid) ? pid : null;
            }
            catch (IOException)
            {
                return null;
            }
        }
    }

    /// <summary>
    /// Every live process of this node (the VM, epmd, CLI tools): they all carry its
    /// RABBITMQ_NODENAME in their environment, epmd included since the VM starts it.
    /// </summary>
    public IReadOnlyList<int> FindProcesses() => ProcFs.WithEnvironmentVariable("RABBITMQ_NODENAME", NodeName);

    public IReadOnlyList<string> RecentOutput
    {
        get
        {
            lock (_recentLines)
            {
                return [.. _recentLines];
            }
        }
    }

    private string HomeDirectory => Path.Combine(Directory, "home");

    private string PidFile => Path.Combine(Directory, "rabbitmq.pid");

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (IsRunning)
            {
                return;
            }
            if (!_staleProcessesChecked)
            {
                // A previous run killed without cleanup may still hold this node's name and data.
                KillProcesses();
                _staleProcessesChecked = true;
            }
            await PrepareFilesAsync(cancellationToken).ConfigureAwait(false);

            var server = ChildProcess.Start(Path.Combine(BinDirectory, "rabbitmq-server"), [], Directory, Environment(), OnLine, newSession: true);
            _server = server;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.StartTimeout);
            try
            {
                while (!await AmqpProbe.AnswersAsync(AmqpPort, timeout.Token).ConfigureAwait(false))
                {
                    if (server.HasExited)
                    {
                        throw new InvalidOperationException(
                            $"RabbitMQ node {NodeName} exited with code {server.Exited.Result} while starting:\n{string.Join('\n', RecentOutput.TakeLast(30))}");
                    }
                    await Task.Delay(100, timeout.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                await StopServerAsync(server).ConfigureAwait(false);
                throw new TimeoutException(
                    $"RabbitMQ node {NodeName} did not accept AMQP on port {AmqpPort} within {_options.StartTimeout}:\n{string.Join('\n', RecentOutput.TakeLast(30))}");
            }
            catch
            {
                await StopServerAsync(server).ConfigureAwait(false);
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Graceful stop (rabbitmqctl stop); epmd keeps running so a restart is quick.</summary>
    public async Task StopAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_server is { } server)
            {
                await StopServerAsync(server).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>SIGKILL to the VM, as a crash would; the node can be started again afterwards.</summary>
    public async Task KillAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_server is not { HasExited: false } server)
            {
                return;
            }
            if (BeamPid is { } beam)
            {
                Posix.Signal(beam, Posix.SigKill);
            }
            else
            {
                server.Kill();
            }
            await Task.WhenAny(server.Exited, Task.Delay(TimeSpan.FromSeconds(10))).ConfigureAwait(false);
            server.Kill();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        await StopAsync().ConfigureAwait(false);
        _disposed = true;
        await StopEpmdAsync().ConfigureAwait(false);
        KillProcesses();
        if (_options.DeleteDirectoryOnDispose)
        {
            try
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a throw-away folder left behind is not worth failing a dispose.
            }
        }
    }

    private async Task StopServerAsync(ChildProcess server)
    {
        if (server.HasExited)
        {
            return;
        }
        try
        {
            var result = await ExternalCommand.RunAsync(
                Path.Combine(BinDirectory, "rabbitmqctl"),
                ["-n", NodeName, "stop", PidFile],
                Environment(),
                Directory,
                TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                OnLine($"rabbitmqctl stop failed ({result.ExitCode}): {result.Output}", true);
            }
        }
        catch (TimeoutException e)
        {
            OnLine(e.Message, true);
        }
        await Task.WhenAny(server.Exited, Task.Delay(TimeSpan.FromSeconds(10))).ConfigureAwait(false);
        if (!server.HasExited)
        {
            server.Kill();
            if (BeamPid is { } beam)
            {
                Posix.Signal(beam, Posix.SigKill);
            }
        }
    }

    private async Task StopEpmdAsync()
    {
        var epmd = System.IO.Directory.Exists("/usr/lib/erlang")
            ? System.IO.Directory.GetDirectories("/usr/lib/erlang", "erts-*")
                .Select(erts => Path.Combine(erts, "bin", "epmd"))
                .FirstOrDefault(File.Exists)
            : null;
        if (epmd is null)
        {
            return;
        }
        try
        {
            await ExternalCommand.RunAsync(epmd, ["-kill"], Environment(), Directory, TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            OnLine(e.Message, true);
        }
    }

    private void KillProcesses()
    {
        foreach (var pid in FindProcesses())
        {
            Posix.Signal(pid, Posix.SigKill);
        }
    }

    private async Task PrepareFilesAsync(CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(HomeDirectory);
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, "mnesia"));
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, "log"));

        var cookie = Path.Combine(HomeDirectory, ".erlang.cookie");
        if (!File.Exists(cookie))
        {
            await File.WriteAllTextAsync(cookie, RandomToken(20, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"), cancellationToken).ConfigureAwait(false);
            // Erlang refuses a cookie file that others can read.
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(cookie, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        await File.WriteAllTextAsync(Path.Combine(Directory, "rabbitmq-env.conf"), "", cancellationToken).ConfigureAwait(false);

        var config = new StringBuilder()
            .AppendLine($"listeners.tcp.default = 127.0.0.1:{AmqpPort}")
            .AppendLine("loopback_users = none")
            .AppendLine($"default_user = {User}")
            .AppendLine($"default_pass = {Password}");
        if (ManagementPort is { } managementPort)
        {
            config.AppendLine("management.tcp.ip = 127.0.0.1")
                .AppendLine($"management.tcp.port = {managementPort}");
        }
        await File.WriteAllTextAsync(Path.Combine(Directory, "rabbitmq.conf"), config.ToString(), cancellationToken).ConfigureAwait(false);

        var plugins = Path.Combine(Directory, "enabled_plugins");
        if (_options.EnableManagement)
        {
            if (!File.Exists(plugins) || !(await File.ReadAllTextAsync(plugins, cancellationToken).ConfigureAwait(false)).Contains("rabbitmq_management", StringComparison.Ordinal))
            {
                var result = await ExternalCommand.RunAsync(
                    Path.Combine(BinDirectory, "rabbitmq-plugins"),
                    ["enable", "--offline", "rabbitmq_management"],
                    Environment(),
                    Directory,
                    TimeSpan.FromSeconds(60),
                    cancellationToken).ConfigureAwait(false);
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException($"rabbitmq-plugins enable failed ({result.ExitCode}):\n{result.Output}");
                }
            }
        }
        else
        {
            await File.WriteAllTextAsync(plugins, "[].\n", cancellationToken).ConfigureAwait(false);
        }
    }

    private Dictionary<string, string?> Environment()
    {
        var environment = new Dictionary<string, string?>
        {
            ["HOME"] = HomeDirectory,
            ["RABBITMQ_NODENAME"] = NodeName,
            ["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(Directory, "rabbitmq-env.conf"),
            ["RABBITMQ_CONFIG_FILE"] = Path.Combine(Directory, "rabbitmq.conf"),
            ["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(Directory, "advanced.config"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(Directory, "enabled_plugins"),
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(Directory, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(Directory, "log"),
            ["RABBITMQ_PID_FILE"] = PidFile,
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = AmqpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RABBITMQ_DIST_PORT"] = _distPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ERL_EPMD_PORT"] = EpmdPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}",
        };
        foreach (var (key, value) in _options.Environment)
        {
            environment[key] = value;
        }
        return environment;
    }

    private void OnLine(string line, bool isError)
    {
        lock (_recentLines)
        {
            if (_recentLines.Count == RecentLineCount)
            {
                _recentLines.Dequeue();
            }
            _recentLines.Enqueue(line);
        }
        _options.OutputLine?.Invoke(line, isError);
    }

    private static string RandomToken(int length, string alphabet) =>
        string.Create(length, alphabet, (span, chars) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = chars[RandomNumberGenerator.GetInt32(chars.Length)];
            }
        });

    /// <summary>What must survive between runs for the node to find its data and users again.</summary>
    private sealed record NodeIdentity(string NodeName, string User, string Password)
    {
        private const string Alphanumeric = "abcdefghijklmnopqrstuvwxyz0123456789";

        public static NodeIdentity LoadOrCreate(string path)
        {
            if (File.Exists(path))
            {
                var existing = JsonSerializer.Deserialize<NodeIdentity>(File.ReadAllText(path));
                if (existing is not null)
                {
                    return existing;
                }
            }
            var created = new NodeIdentity(
                $"cp-{RandomToken(10, Alphanumeric)}@localhost",
                "cp-" + RandomToken(6, Alphanumeric),
                RandomToken(24, Alphanumeric + "ABCDEFGHIJKLMNOPQRSTUVWXYZ"));
            File.WriteAllText(path, JsonSerializer.Serialize(created));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            return created;
        }
    }
}
