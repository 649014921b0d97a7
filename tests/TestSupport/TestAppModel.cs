using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CircularPlatform.TestSupport;

/// <summary>
/// An app model of a test's own, started by Aspire's orchestrator as the AppHost starts the
/// platform, and always stopped: disposing it stops every process it started, and if the test
/// process dies the orchestrator, which watches it, stops them too.
/// </summary>
public sealed class TestAppModel : IAsyncDisposable
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    private readonly DistributedApplication _app;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ResourceEvent> _latest = new();
    private readonly CancellationTokenSource _stopWatching = new();

    private TestAppModel(DistributedApplication app)
    {
        _app = app;
        _ = WatchAsync();
    }

    private async Task WatchAsync()
    {
        try
        {
            await foreach (var update in _app.ResourceNotifications.WatchAsync(_stopWatching.Token).ConfigureAwait(false))
            {
                _latest[update.ResourceId] = update;
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    public DistributedApplication App => _app;

    /// <summary>A builder that logs warnings only: the resources' own output stays on their console logs.</summary>
    public static IDistributedApplicationTestingBuilder CreateBuilder(params string[] args)
    {
        var builder = DistributedApplicationTestingBuilder.Create(args);
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        ExportNoTelemetry(builder);
        return builder;
    }

    /// <summary>
    /// A test's app model has no dashboard, yet Aspire still gives each process the dashboard's
    /// OTLP address: every stop then waited for the exporter to give up on its last batch (10 s)
    /// until the orchestrator killed the process. The processes of a test export nothing.
    /// </summary>
    public static void ExportNoTelemetry(IDistributedApplicationBuilder builder) =>
        builder.Eventing.Subscribe<BeforeStartEvent>((start, _) =>
        {
            foreach (var resource in start.Model.Resources.Where(r => r.Annotations.OfType<OtlpExporterAnnotation>().Any()))
            {
                resource.Annotations.Add(new EnvironmentCallbackAnnotation(context => context.EnvironmentVariables.Remove("OTEL_EXPORTER_OTLP_ENDPOINT")));
            }
            return Task.CompletedTask;
        });

    /// <summary>Builds and starts the model, then waits until each of <paramref name="healthy"/> is healthy.</summary>
    public static async Task<TestAppModel> StartAsync(IDistributedApplicationTestingBuilder builder, params string[] healthy)
    {
        var app = await builder.BuildAsync().ConfigureAwait(false);
        var model = new TestAppModel(app);
        try
        {
            using var timeout = new CancellationTokenSource(StartTimeout);
            await app.StartAsync(timeout.Token).ConfigureAwait(false);
            foreach (var name in healthy)
            {
                await model.WaitUntilHealthyAsync(name, timeout.Token).ConfigureAwait(false);
            }
            return model;
        }
        catch
        {
            await model.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public IResource Resource(string name) =>
        _app.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == name);

    public async Task<string> ConnectionStringAsync(string name) =>
        await _app.GetConnectionStringAsync(name).ConfigureAwait(false)
        ?? throw new InvalidOperationException($"{name} has no connection string.");

    /// <summary>
    /// Waits until the resource is healthy, over an exited state that a start has not replaced
    /// yet: right after a start command, the last state seen may still be the stopped one.
    /// </summary>
    public async Task WaitUntilHealthyAsync(string name, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        await _app.ResourceNotifications.WaitForResourceHealthyAsync(name, WaitBehavior.WaitOnResourceUnavailable, timeout.Token).ConfigureAwait(false);
    }

    /// <summary>A command of the dashboard's (start, stop, restart) on a resource, waiting for the state it leads to.</summary>
    public async Task CommandAsync(string name, string command)
    {
        var result = await _app.Services.GetRequiredService<ResourceCommandService>()
            .ExecuteCommandAsync(Resource(name), command).ConfigureAwait(false);
        if (!result.Success)
        {
            throw new InvalidOperationException($"{command} {name}: {result.Message}");
        }
        using var timeout = new CancellationTokenSource(StartTimeout);
        if (command == KnownResourceCommands.StopCommand)
        {
            await _app.ResourceNotifications.WaitForResourceAsync(name, [KnownResourceStates.Exited, KnownResourceStates.Finished], timeout.Token).ConfigureAwait(false);
        }
        else
        {
            await WaitUntilHealthyAsync(name, timeout.Token).ConfigureAwait(false);
        }
    }

    /// <summary>The pid the orchestrator reports for a replica of an executable or project resource.</summary>
    public int? Pid(string resourceId)
    {
        if (!_latest.TryGetValue(resourceId, out var current))
        {
            return null;
        }
        var pid = current.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value;
        return pid is null ? null : Convert.ToInt32(pid, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The ids of a resource's replicas (the orchestrator's names for its processes), in a stable order.</summary>
    public IReadOnlyList<string> ReplicaIds(string name) =>
        [.. _latest.Values.Where(e => e.Resource.Name == name).Select(e => e.ResourceId).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>The last lines a resource's replica wrote, for a failing test's message.</summary>
    public async Task<IReadOnlyList<string>> ConsoleLogsAsync(string resourceId, int last = 40)
    {
        var lines = new List<string>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await foreach (var batch in _app.Services.GetRequiredService<ResourceLoggerService>().WatchAsync(resourceId).WithCancellation(stop.Token).ConfigureAwait(false))
            {
                lines.AddRange(batch.Select(line => line.Content));
            }
        }
        catch (OperationCanceledException)
        {
            // The backlog has been read; the watch would go on with new lines.
        }
        return lines.TakeLast(last).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await _stopWatching.CancelAsync().ConfigureAwait(false);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
