using System.Net.Http.Json;
using System.Text.Json;
using CircularPlatform.Hosting;
using CircularPlatform.TestSupport;
using Xunit.Abstractions;

namespace CircularPlatform.Reliability.Tests;

/// <summary>
/// The probe service run by our hosting library as real processes (one or several replicas) on a
/// real broker, as the AppHost runs services: a killed replica is restarted by the supervisor.
/// </summary>
public sealed class Probe : IAsyncDisposable
{
    public const string Queue = "probeservice-probe";
    private readonly DistributedApplication _app;
    private readonly TemporaryFolder _folder;

    private Probe(DistributedApplication app, TemporaryFolder folder)
    {
        _app = app;
        _folder = folder;
    }

    public DistributedApplication App => _app;

    public static async Task<Probe> StartAsync(
        string brokerConnectionString, string? databaseConnectionString = null, int replicas = 1,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var folder = new TemporaryFolder("cp-probe");
        var builder = DistributedApplication.CreateBuilder(["--DataFolder", folder.Path, "--Logging:LogLevel:Default", "Warning"]);
        var messaging = builder.AddConnectionString("messaging", brokerConnectionString);
        var database = builder.AddConnectionString("probedb", databaseConnectionString ?? $"Data Source={Path.Combine(folder.Path, "probe.db")}");
        var probe = builder.AddProject("probe", Repository.BuiltAssembly("tests/Reliability.Tests/ProbeService", "CircularPlatform.ProbeService"))
            .WithReference(messaging)
            .WithReference(database)
            .WithReplicas(replicas)
            // Quick polls, so a test does not wait on the relay's idle timer.
            .WithEnvironment("Messaging__Outbox__PollInterval", "00:00:00.200")
            .WithEnvironment("Messaging__Outbox__MaxBackoff", "00:00:02")
            .WithEnvironment("Identity__Authority", (await SharedAuthority.GetAsync()).Url)
            .WithHttpHealthCheck("/alive");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            probe.WithEnvironment(key, value);
        }
        var app = builder.Build();
        await app.StartAsync();
        return new Probe(app, folder);
    }

    /// <summary>A client of a replica, as the club's administrator (the ops endpoints are theirs).</summary>
    public HttpClient Client(int replica = 0)
    {
        var client = new HttpClient
        {
            BaseAddress = new Uri(_app.GetResource("probe").Replicas[replica].Url!),
            Timeout = TimeSpan.FromMinutes(2),
        };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Bearer", SharedAuthority.AdminTokenAsync().GetAwaiter().GetResult());
        return client;
    }

    public int Pid(int replica = 0) => _app.GetResource("probe").Replicas[replica].Pid!.Value;

    public async Task<JsonElement> PostBatchAsync(string batch, int count, int poisoned = 0, int replica = 0)
    {
        using var client = Client(replica);
        var response = await client.PostAsync($"/probe/batches/{batch}?count={count}&poisoned={poisoned}", null);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<BatchState> StateAsync(string batch, int replica = 0)
    {
        using var client = Client(replica);
        var state = await client.GetFromJsonAsync<JsonElement>($"/probe/batches/{batch}");
        return new BatchState(
            state.GetProperty("receipts").GetInt32(),
            state.GetProperty("distinct").GetInt32(),
            state.GetProperty("faults").GetInt32(),
            [.. state.GetProperty("traceIds").EnumerateArray().Select(t => t.GetString() ?? "")]);
    }

    public async Task<(long Published, long Duplicates)> CountersAsync(int replica = 0)
    {
        using var client = Client(replica);
        var counters = await client.GetFromJsonAsync<JsonElement>("/probe/counters");
        return (counters.GetProperty("published").GetInt64(), counters.GetProperty("duplicates").GetInt64());
    }

    /// <summary>Waits until the batch reaches the state, tolerating a replica that is restarting.</summary>
    public async Task<BatchState> WaitForAsync(string batch, Func<BatchState, bool> reached, ITestOutputHelper output, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(3));
        BatchState? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = await StateAsync(batch);
                if (reached(last))
                {
                    return last;
                }
            }
            catch (HttpRequestException)
            {
                // The replica is being restarted.
            }
            await Task.Delay(250);
        }
        output.WriteLine(string.Join('\n', _app.GetConsoleLogs("probe").TakeLast(40)));
        throw new Xunit.Sdk.XunitException($"Batch {batch} did not reach the expected state; last seen {last}");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _folder.Dispose();
    }
}

public sealed record BatchState(int Receipts, int Distinct, int Faults, IReadOnlyList<string> TraceIds);
