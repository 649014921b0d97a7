using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CircularPlatform.Bench.Report;
using CircularPlatform.TestSupport;

namespace CircularPlatform.Bench.Platform;

/// <summary>
/// The built AppHost started as <c>./run.sh</c> starts it (dashboard, telemetry, supervision), on a
/// fresh data folder, with one difference: the broker is the AppHost's own RabbitMQ node resource
/// run by this program, handed over as an external broker (<c>ConnectionStrings__messaging</c>), so
/// that the outage figure can stop and start it. The gateway's per-client limit is raised: one
/// load generator is one client, and the figures measure forwarding, not refusing.
/// </summary>
public sealed class PlatformSession : IAsyncDisposable
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    private readonly RabbitMqFixture _broker;
    private readonly IAsyncDisposable _brokerStop;
    private readonly AppHostProcess _host;
    private int _disposed;

    private PlatformSession(RabbitMqFixture broker, IAsyncDisposable brokerStop, AppHostProcess host, string database)
    {
        _broker = broker;
        _brokerStop = brokerStop;
        _host = host;
        Database = database;
        Http = Clients.Create(host.Gateway.BaseAddress!);
    }

    /// <summary>sqlite or postgres.</summary>
    public string Database { get; }

    public AppHostProcess Host => _host;

    public RabbitMqFixture Broker => _broker;

    public Uri Gateway => _host.Gateway.BaseAddress!;

    /// <summary>A client of the gateway with room for many concurrent requests.</summary>
    public HttpClient Http { get; }

    /// <summary>
    /// Starts a session; a start that does not come up is stopped and tried once more (seen once:
    /// an AppHost started right after another one stopped stayed before its first resource for
    /// minutes), and the table says so.
    /// </summary>
    public static async Task<PlatformSession> StartAsync(bool postgres, BenchReport report)
    {
        try
        {
            return await StartOnceAsync(postgres);
        }
        catch (TimeoutException e)
        {
            Console.WriteLine($"  the platform did not come up within {StartTimeout.TotalMinutes:N0} min; trying once more");
            report.Notes.Add($"One start of the platform ({(postgres ? "PostgreSQL" : "SQLite")}) did not come up within {StartTimeout.TotalMinutes:N0} min and was tried again: {e.Message.Split('\n')[0]}");
            return await StartOnceAsync(postgres);
        }
    }

    private static async Task<PlatformSession> StartOnceAsync(bool postgres)
    {
        var broker = new RabbitMqFixture();
        var brokerStop = StopSignals.Track(broker.DisposeAsync);
        await broker.InitializeAsync();
        try
        {
            var host = await AppHostProcess.StartAsync(StartTimeout, new AppHostStart
            {
                Arguments = postgres ? ["--UsePostgres", "true"] : [],
                Environment = new Dictionary<string, string>
                {
                    ["ConnectionStrings__messaging"] = broker.ConnectionString,
                    ["Gateway__RateLimitPermits"] = "1000000000",
                },
            });
            return StopSignals.Track(new PlatformSession(broker, brokerStop, host, postgres ? "postgres" : "sqlite"));
        }
        catch
        {
            await broker.DisposeAsync();
            StopSignals.Forget(brokerStop);
            throw;
        }
    }

    /// <summary>
    /// Every live process of the run: the AppHost and everything it started (found by the marker
    /// variable they all inherit: the orchestrator does not keep them as its descendants), and the broker's.
    /// </summary>
    public IReadOnlyList<RunProcess> Processes() =>
        [.. RunProcess.Marked(AppHostProcess.MarkerVariable, _host.Marker), .. BrokerProcesses()];

    private IEnumerable<RunProcess> BrokerProcesses()
    {
        foreach (var replica in _broker.Model.ReplicaIds(RabbitMqFixture.Name).Concat(_broker.Model.ReplicaIds(RabbitMqFixture.Name + "-epmd")))
        {
            if (_broker.Model.Pid(replica) is { } pid)
            {
                foreach (var process in RunProcess.Tree(pid, includeRoot: true))
                {
                    yield return process with { Role = "broker" };
                }
            }
        }
    }

    /// <summary>
    /// Where a service's own Kestrel listens, read from the environment the orchestrator gave it:
    /// "direct" means that address, with no proxy of the orchestrator's in between.
    /// </summary>
    public Uri ServiceAddress(string service)
    {
        var processes = Processes();
        var process = processes.FirstOrDefault(p => p.Role == service)
            ?? throw new InvalidOperationException($"No process of {service} runs; the run's processes:\n" + string.Join("\n", processes.Select(p => $"{p.Pid} {p.Role}: {p.CommandLine}")));
        var urls = ProcFs.EnvironmentOf(process.Pid).GetValueOrDefault("ASPNETCORE_URLS")
            ?? throw new InvalidOperationException($"{service} (pid {process.Pid}) has no ASPNETCORE_URLS.");
        return new Uri(urls.Split(';')[0].Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
    }

    /// <summary>The first administrator's access token, signed in through the gateway.</summary>
    public async Task<string> AdminTokenAsync()
    {
        using var response = await Http.PostAsJsonAsync("/api/members/auth/token", new { email = IPlatform.AdminEmail, password = _host.AdminPassword });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    public static HttpRequestMessage Authorised(HttpMethod method, string path, string token, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        return request;
    }

    /// <summary>How many announcements Notifications has stored: the total of its first page.</summary>
    public async Task<int> AnnouncementCountAsync()
    {
        var page = await Http.GetFromJsonAsync<JsonElement>("/api/notifications/announcements?pageSize=1");
        return page.GetProperty("total").GetInt32();
    }

    public async ValueTask DisposeAsync()
    {
        // Once: a stop signal and the run's own end may both get here.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        StopSignals.Forget(this);
        Http.Dispose();
        try
        {
            // SIGTERM, as an operator stops ./run.sh; DisposeAsync then removes anything left.
            await _host.InterruptAsync(TimeSpan.FromMinutes(1));
        }
        catch (TimeoutException)
        {
            // Disposing kills what is left.
        }
        finally
        {
            await _host.DisposeAsync();
            await _broker.DisposeAsync();
            StopSignals.Forget(_brokerStop);
        }
    }
}
