using System.Globalization;
using System.Text.RegularExpressions;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using CircularPlatform.AppHost;
using CircularPlatform.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CircularPlatform.EndToEnd.Tests;

/// <summary>
/// The AppHost's app model started by Aspire.Hosting.Testing, on a fresh data folder and a free
/// gateway port. The test process carries a marker variable that every process of the run
/// inherits, so a test can see what is left after the platform stops.
/// </summary>
public sealed partial class PlatformApp : IPlatform, IAsyncDisposable
{
    public const string MarkerVariable = AppHostProcess.MarkerVariable;
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    private readonly DistributedApplication _app;
    private readonly CapturedLog _log;
    private readonly TemporaryFolder? _ownedFolder;

    private PlatformApp(DistributedApplication app, CapturedLog log, TemporaryFolder? ownedFolder, string dataFolder, string? adminPassword, string marker)
    {
        _app = app;
        DataFolder = dataFolder;
        _log = log;
        _ownedFolder = ownedFolder;
        Marker = marker;
        Gateway = new HttpClient { BaseAddress = app.GetEndpoint("gateway", "http"), Timeout = TimeSpan.FromSeconds(30) };
        AdminPassword = adminPassword ?? PrintedAdministratorPassword();
    }

    public HttpClient Gateway { get; }

    public string? AdminPassword { get; }

    public string Marker { get; }

    public string DataFolder { get; }

    public string Output => _log.Text;

    public DistributedApplication App => _app;

    public Uri ServiceUrl(string name) => _app.GetEndpoint(name, "http");

    /// <summary>The password the AppHost printed for the first administrator, if it printed one.</summary>
    public string? PrintedAdministratorPassword() => PrintedPassword().Match(Output) is { Success: true } printed ? printed.Groups["password"].Value : null;

    /// <summary>
    /// Starts the platform. With <paramref name="dataFolder"/> it runs on that folder, which the
    /// caller keeps (a restart on the same data); with <paramref name="generateAdministrator"/>
    /// it is given no administrator password and makes one up, as on a first <c>./run.sh</c>.
    /// </summary>
    public static async Task<PlatformApp> StartAsync(string? dataFolder = null, bool generateAdministrator = false, params string[] arguments)
    {
        var owned = dataFolder is null ? new TemporaryFolder("cp-e2e") : null;
        var marker = Guid.NewGuid().ToString("N");
        // Inherited by the orchestrator this start launches, and by everything it runs.
        Environment.SetEnvironmentVariable(MarkerVariable, marker);
        var adminPassword = generateAdministrator ? null : "Terril-" + Guid.NewGuid().ToString("N");
        string[] args =
        [
            "--DataFolder", dataFolder ?? owned!.Path,
            "--GatewayPort", FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            .. adminPassword is null ? [] : new[] { "--FirstAdminPassword", adminPassword },
            .. arguments,
        ];
        var log = new CapturedLog();
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(args);
        builder.Services.AddLogging(logging => logging.AddProvider(log));
        TestAppModel.ExportNoTelemetry(builder);
        var app = await builder.BuildAsync();
        try
        {
            using var timeout = new CancellationTokenSource(StartTimeout);
            await app.StartAsync(timeout.Token);
            // The gateway is healthy once every service it routes to is (gateway-routes), and they wait for the broker and their databases.
            await app.ResourceNotifications.WaitForResourceHealthyAsync("gateway", timeout.Token);
        }
        catch (Exception e)
        {
            await app.DisposeAsync();
            owned?.Dispose();
            throw new InvalidOperationException("The platform did not come up:\n" + log.Text, e);
        }
        return new PlatformApp(app, log, owned, dataFolder ?? owned!.Path, adminPassword, marker);
    }

    public async ValueTask DisposeAsync()
    {
        Gateway.Dispose();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            await _app.StopAsync(timeout.Token);
        }
        finally
        {
            await _app.DisposeAsync();
            _ownedFolder?.Dispose();
        }
    }

    [GeneratedRegex(@"^\s+password (?<password>\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex PrintedPassword();
}
