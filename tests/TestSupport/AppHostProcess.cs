using System.Diagnostics;
using System.Text;
using CircularPlatform.AppHost;

namespace CircularPlatform.TestSupport;

/// <summary>What a start of the built AppHost adds to ./run.sh's way: arguments, and variables every process it starts inherits.</summary>
public sealed record AppHostStart
{
    public IReadOnlyList<string> Arguments { get; init; } = [];

    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// The built AppHost run as its own process, exactly as <c>./run.sh</c> runs it (dashboard
/// included, on free loopback ports), on a fresh data folder and a free gateway port. Every
/// process it starts inherits a marker variable, so the test can see what is left after it stops,
/// and clean up whatever a failing test left behind.
/// </summary>
public sealed class AppHostProcess : IPlatform, IAsyncDisposable
{
    public const string MarkerVariable = "CIRCULAR_PLATFORM_TEST_RUN";

    public string? AdminPassword { get; private set; }


    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _dataFolder;
    // Set by the output reader the moment the line arrives, so the time to healthy is not a polling interval late.
    private readonly TaskCompletionSource _healthy = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private AppHostProcess(Process process, string dataFolder, int gatewayPort, string marker)
    {
        _process = process;
        _dataFolder = dataFolder;
        Marker = marker;
        Gateway = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{gatewayPort}"), Timeout = TimeSpan.FromSeconds(30) };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Marker { get; }

    public HttpClient Gateway { get; }

    public int Pid => _process.Id;

    /// <summary>From the AppHost's start until it said every resource is healthy, as seen from outside it.</summary>
    public TimeSpan TimeToHealthy { get; private set; }

    public string DataFolder => _dataFolder;

    /// <summary>The dashboard's login address with its token, as the AppHost printed it.</summary>
    public Uri DashboardLogin =>
        System.Text.RegularExpressions.Regex.Match(Output, @"Login to the dashboard at (?<url>\S+)") is { Success: true } login
            ? new Uri(login.Groups["url"].Value)
            : throw new InvalidOperationException("No dashboard login in:\n" + Output);

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the built AppHost and waits until it says every resource is healthy.</summary>
    public static async Task<AppHostProcess> StartAsync(TimeSpan timeout, AppHostStart? options = null)
    {
        options ??= new AppHostStart();
        var dataFolder = Directory.CreateTempSubdirectory("circular-e2e-").FullName;
        // Created 0700; the postgres user runs the cluster of --UsePostgres true in it and must get in.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(dataFolder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
        var gatewayPort = FreePorts.Next();
        var marker = Guid.NewGuid().ToString("N");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                Repository.BuiltAssembly("AppHost", "CircularPlatform.AppHost"),
                "--DataFolder", dataFolder,
                "--GatewayPort", gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dataFolder,
        };
        start.Environment[MarkerVariable] = marker;
        var adminPassword = "Terril-" + Guid.NewGuid().ToString("N");
        start.ArgumentList.Add("--FirstAdminPassword");
        start.ArgumentList.Add(adminPassword);
        // The dashboard and its OTLP and resource endpoints as ./run.sh gives them, on free ports.
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{FreePorts.Next()}";
        start.Environment["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://127.0.0.1:{FreePorts.Next()}";
        start.Environment["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://127.0.0.1:{FreePorts.Next()}";
        start.Environment["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true";
        // The broker and the services come from this run only, never from the caller's environment,
        // unless the caller names them.
        start.Environment.Remove("ConnectionStrings__messaging");
        foreach (var argument in options.Arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in options.Environment)
        {
            start.Environment[name] = value;
        }
        var started = System.Diagnostics.Stopwatch.StartNew();

        var host = new AppHostProcess(Process.Start(start)!, dataFolder, gatewayPort, marker) { AdminPassword = adminPassword };
        try
        {
            await host.WaitUntilHealthyAsync(timeout);
            host.TimeToHealthy = started.Elapsed;
        }
        catch
        {
            // The caller never gets it to dispose: stop what it started here.
            await host.DisposeAsync();
            throw;
        }
        return host;
    }

    private async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var exited = _process.WaitForExitAsync(deadline.Token);
        var first = await Task.WhenAny(_healthy.Task, exited, Task.Delay(Timeout.Infinite, deadline.Token)).ConfigureAwait(false);
        if (first == _healthy.Task)
        {
            return;
        }
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"The AppHost exited with {_process.ExitCode}:\n{Output}");
        }
        throw new TimeoutException($"The platform did not come up within {timeout}:\n{Output}");
    }

    /// <summary>
    /// Sends what Ctrl+C sends and waits for the AppHost to finish; returns its exit code. A test
    /// run started as a background job has SIGINT ignored, and so has every process it starts
    /// (the runtime leaves an inherited "ignore" alone, as nohup expects): then SIGTERM, which the
    /// AppHost handles the same way, stands in for it.
    /// </summary>
    public async Task<int> InterruptAsync(TimeSpan timeout)
    {
        var signal = InterruptIgnored() ? "-TERM" : "-INT";
        using var kill = Process.Start("kill", [signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The AppHost did not stop within {timeout} of Ctrl+C:\n{Output}");
        }
        return _process.ExitCode;
    }

    private static bool InterruptIgnored()
    {
        var ignored = File.ReadLines("/proc/self/status").First(line => line.StartsWith("SigIgn:", StringComparison.Ordinal))["SigIgn:".Length..].Trim();
        const int sigint = 2;
        return (Convert.ToUInt64(ignored, 16) & (1UL << (sigint - 1))) != 0;
    }

    public async ValueTask DisposeAsync()
    {
        Gateway.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        // A failed test must not leave a broker or a service running on the machine.
        foreach (var orphan in ProcessTable.WithEnvironmentMarker(MarkerVariable, Marker))
        {
            try
            {
                Process.GetProcessById(orphan.Pid).Kill(entireProcessTree: true);
            }
            catch (ArgumentException)
            {
                // Already gone.
            }
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A late writer; the folder is in the temp area and harmless.
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
        if (line.Contains("Every resource is healthy", StringComparison.Ordinal))
        {
            _healthy.TrySetResult();
        }
    }
}
