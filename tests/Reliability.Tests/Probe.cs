using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using CircularPlatform.TestSupport;
using Xunit.Abstractions;

namespace CircularPlatform.Reliability.Tests;

/// <summary>
/// The probe service run by Aspire's orchestrator as real processes (one or several instances,
/// each a project resource of its own so a test can address it) on a real broker, as the AppHost
/// runs services: a killed instance is started again by the AppHost's crash supervision.
/// </summary>
public sealed class Probe : IAsyncDisposable
{
    public const string Queue = "probeservice-probe";
    private readonly TestAppModel _model;
    private readonly TemporaryFolder _folder;
    private readonly int _instances;

    private Probe(TestAppModel model, TemporaryFolder folder, int instances)
    {
        _model = model;
        _folder = folder;
        _instances = instances;
    }

    public static async Task<Probe> StartAsync(
        string brokerConnectionString, string? databaseConnectionString = null, int replicas = 1,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var folder = new TemporaryFolder("cp-probe");
        var builder = TestAppModel.CreateBuilder();
        builder.AddPlatformSupervision();
        var messaging = builder.AddConnectionString("messaging", ReferenceExpression.Create($"{brokerConnectionString}"));
        var database = builder.AddConnectionString("probedb", ReferenceExpression.Create($"{databaseConnectionString ?? $"Data Source={Path.Combine(folder.Path, "probe.db")}"}"));
        var authority = (await SharedAuthority.GetAsync()).Url;
        var names = Enumerable.Range(0, replicas).Select(Name).ToArray();
        foreach (var name in names)
        {
            var probe = builder.AddProject<ProbeServiceProject>(name)
                .WithHttpEndpoint(name: "http")
                .WithReference(messaging)
                .WithReference(database)
                // Quick polls, so a test does not wait on the relay's idle timer.
                .WithEnvironment("Messaging__Outbox__PollInterval", "00:00:00.200")
                .WithEnvironment("Messaging__Outbox__MaxBackoff", "00:00:02")
                .WithEnvironment("Identity__Authority", authority)
                .WithEnvironment("Logging__LogLevel__Default", "Warning")
                .WithHttpHealthCheck("/alive")
                .WithRestartOnCrash();
            foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            {
                probe.WithEnvironment(key, value);
            }
        }
        try
        {
            return new Probe(await TestAppModel.StartAsync(builder, names), folder, replicas);
        }
        catch
        {
            folder.Dispose();
            throw;
        }
    }

    private static string Name(int instance) => $"probe-{instance}";

    /// <summary>A client of an instance, as the club's administrator (the ops endpoints are theirs).</summary>
    public HttpClient Client(int replica = 0)
    {
        var client = new HttpClient
        {
            BaseAddress = _model.App.GetEndpoint(Name(replica), "http"),
            Timeout = TimeSpan.FromMinutes(2),
        };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Bearer", SharedAuthority.AdminTokenAsync().GetAwaiter().GetResult());
        return client;
    }

    /// <summary>The service process of an instance (not the <c>dotnet run</c> that started it).</summary>
    public int Pid(int replica = 0) =>
        ProcessTable.ServiceProcess(_model.Pid(_model.ReplicaIds(Name(replica)).Single())
            ?? throw new InvalidOperationException($"{Name(replica)} has no process."));

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
        output.WriteLine(string.Join('\n', await ConsoleLogsAsync()));
        throw new Xunit.Sdk.XunitException($"Batch {batch} did not reach the expected state; last seen {last}");
    }

    /// <summary>What the instances wrote last, for a failing test's message.</summary>
    public async Task<IReadOnlyList<string>> ConsoleLogsAsync(int last = 40)
    {
        var lines = new List<string>();
        for (var instance = 0; instance < _instances; instance++)
        {
            foreach (var id in _model.ReplicaIds(Name(instance)))
            {
                lines.AddRange(await _model.ConsoleLogsAsync(id, last));
            }
        }
        return lines;
    }

    public async ValueTask DisposeAsync()
    {
        await _model.DisposeAsync();
        _folder.Dispose();
    }
}

/// <summary>
/// The probe service as the test run built it: <c>dotnet run --no-build</c>, as the AppHost runs
/// the services it references. Added by path, each start would build the project again, and two
/// instances started together would build it side by side.
/// </summary>
internal sealed class ProbeServiceProject : IProjectMetadata
{
    public string ProjectPath { get; } = Path.Combine(Repository.Root, "tests/Reliability.Tests/ProbeService/ProbeService.csproj");

    public bool SuppressBuild => true;
}

public sealed record BatchState(int Receipts, int Distinct, int Faults, IReadOnlyList<string> TraceIds);
