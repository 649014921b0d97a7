using System.Diagnostics;
using System.Text;
using CircularPlatform.Hosting;
using CircularPlatform.TestSupport;

namespace CircularPlatform.EndToEnd.Tests;

/// <summary>
/// The built AppHost run as its own process, exactly as <c>./run.sh</c> runs it, on a fresh data
/// folder and a free gateway port. Every process it starts inherits a marker variable, so the test
/// can see what is left after it stops, and clean up whatever a failing test left behind.
/// </summary>
public sealed class AppHostProcess : IAsyncDisposable
{
    public const string MarkerVariable = "CIRCULAR_PLATFORM_TEST_RUN";
    public const string AdminEmail = "admin@club-economie-circulaire.local";

    /// <summary>The first administrator's, given to the AppHost as an operator would.</summary>
    /// <summary>The first administrator's: given to the AppHost, or as it printed it; null when it printed none.</summary>
    public string? AdminPassword { get; private set; }

    private bool _ownsDataFolder;

    /// <summary>The password the AppHost printed for the first administrator, if it printed one.</summary>
    public string? PrintedAdministratorPassword()
    {
        var printed = System.Text.RegularExpressions.Regex.Match(Output, @"^\s+password (?<password>\S+)\s*$", System.Text.RegularExpressions.RegexOptions.Multiline);
        return printed.Success ? printed.Groups["password"].Value : null;
    }

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _dataFolder;

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

    /// <summary>
    /// Where a service listens, read from the AppHost's summary of its resources: for what the
    /// gateway does not route (a service's API description).
    /// </summary>
    public Uri ServiceUrl(string name)
    {
        var line = System.Text.RegularExpressions.Regex.Match(
            Output, $@"\s{name}\s+Project\s+\S+\s+(?<url>http://\S+)");
        return line.Success ? new Uri(line.Groups["url"].Value) : throw new InvalidOperationException($"No URL for {name} in:\n{Output}");
    }

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

    /// <summary>
    /// Starts the AppHost. With <paramref name="dataFolder"/> it runs on that folder, which the
    /// caller keeps and removes (a restart on the same data); with
    /// <paramref name="generateAdministrator"/> it is given no administrator password and makes
    /// one up, as on a first <c>./run.sh</c>.
    /// </summary>
    public static async Task<AppHostProcess> StartAsync(TimeSpan timeout, string? dataFolder = null, bool generateAdministrator = false)
    {
        var ownsDataFolder = dataFolder is null;
        dataFolder ??= Directory.CreateTempSubdirectory("circular-e2e-").FullName;
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
        string? adminPassword = null;
        if (!generateAdministrator)
        {
            adminPassword = "Terril-" + Guid.NewGuid().ToString("N");
            start.ArgumentList.Add("--FirstAdminPassword");
            start.ArgumentList.Add(adminPassword);
        }
        // The broker and the services come from this run only, never from the caller's environment.
        start.Environment.Remove("ConnectionStrings__messaging");

        var host = new AppHostProcess(Process.Start(start)!, dataFolder, gatewayPort, marker) { _ownsDataFolder = ownsDataFolder };
        await host.WaitUntilGatewayServesAsync(timeout);
        host.AdminPassword = adminPassword ?? host.PrintedAdministratorPassword();
        return host;
    }

    private async Task WaitUntilGatewayServesAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The AppHost exited with {_process.ExitCode}:\n{Output}");
            }
            // The AppHost starts the gateway last, once every service is healthy.
            if (Output.Contains("Press Ctrl+C to stop.", StringComparison.Ordinal))
            {
                return;
            }
            await Task.Delay(200);
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
        if (!_ownsDataFolder)
        {
            return;
        }
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
    }
}
