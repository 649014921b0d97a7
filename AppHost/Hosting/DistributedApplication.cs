using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CircularPlatform.Hosting;

/// <summary>
/// Runs the resources of a built application: starts them honouring WaitFor, keeps them running,
/// and stops them in reverse dependency order so that nothing is left behind.
/// </summary>
public sealed class DistributedApplication : IAsyncDisposable
{
    /// <summary>Lines kept per resource for <see cref="GetConsoleLogs"/>.</summary>
    public const int ConsoleLogCapacity = 2000;

    private readonly ServiceProvider _services;
    private readonly List<ResourceRuntime> _runtimes;
    private readonly HostingContext _context;
    private readonly TimeSpan _startTimeout;
    private readonly ILogger _logger;
    private readonly object _lock = new();
    private TaskCompletionSource _changeSignal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _started;
    private Task? _stopping;

    internal DistributedApplication(
        ServiceProvider services,
        IReadOnlyList<IResource> resources,
        Func<IResource, IResourceDriver> driverFor,
        HostingContext context,
        TimeSpan startTimeout)
    {
        _services = services;
        _context = context;
        _startTimeout = startTimeout;
        var loggers = services.GetRequiredService<ILoggerFactory>();
        _logger = loggers.CreateLogger("CircularPlatform.Hosting");
        _runtimes = [.. resources.Select(resource => new ResourceRuntime(resource, driverFor(resource), loggers, ConsoleLogCapacity, OnChanged))];

        var byResource = _runtimes.ToDictionary(r => r.Resource);
        foreach (var runtime in _runtimes)
        {
            switch (runtime.Resource)
            {
                case ProcessResource process:
                    runtime.WaitsFor.AddRange(process.WaitsFor.Select(w => byResource[w]));
                    runtime.DependsOn.AddRange(process.WaitsFor.Concat(process.References).Distinct().Select(d => byResource[d]));
                    break;
                case PostgresDatabaseResource database:
                    runtime.WaitsFor.Add(byResource[database.Parent]);
                    runtime.DependsOn.Add(byResource[database.Parent]);
                    break;
            }
        }
    }

    /// <summary>Raised on every change of state or health of a resource, from a background thread.</summary>
    public event EventHandler<ResourceSnapshot>? ResourceChanged;

    public IServiceProvider Services => _services;

    public string DataFolder => _context.DataFolder;

    public string EnvironmentName => _context.EnvironmentName;

    /// <summary>
    /// The value of <see cref="RunMarkerVariable"/> in the environment of every process this run
    /// starts (and so of their children): how to find them all.
    /// </summary>
    public string RunId => _context.RunId;

    public static string RunMarkerVariable => HostingContext.RunMarkerVariable;

    public IReadOnlyList<ResourceSnapshot> Resources => [.. _runtimes.Select(r => r.Snapshot())];

    public static IDistributedApplicationBuilder CreateBuilder(string[] args) => new DistributedApplicationBuilder(args);

    /// <summary>
    /// Starts every resource, each once what it waits for is healthy; returns when all are running
    /// and healthy. Throws as soon as one cannot be launched, or when they are not all healthy
    /// within the start timeout (configuration StartTimeoutSeconds, default 180).
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_stopping is not null, this);
            if (!_started)
            {
                _started = true;
                AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
                KillLeftoversOfEarlierRuns();
                foreach (var runtime in _runtimes)
                {
                    runtime.Start();
                }
            }
        }

        var clock = Stopwatch.StartNew();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_startTimeout);
        try
        {
            while (true)
            {
                Task signal;
                lock (_lock)
                {
                    signal = _changeSignal.Task;
                    if (_stopping is not null)
                    {
                        throw new OperationCanceledException("The application was stopped while starting.");
                    }
                }
                if (_runtimes.FirstOrDefault(r => r.HasFailedToStart) is { } failed)
                {
                    throw new InvalidOperationException($"'{failed.Name}' failed to start.\n{Describe(failed)}");
                }
                if (_runtimes.All(r => r.IsHealthy))
                {
                    break;
                }
                await signal.WaitAsync(timeout.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var waiting = _runtimes.Where(r => !r.IsHealthy).ToList();
            throw new TimeoutException(
                $"Not healthy after {_startTimeout.TotalSeconds:0} s: {string.Join(", ", waiting.Select(r => r.Name))}.\n{string.Join("\n", waiting.Select(Describe))}");
        }
        _logger.LogInformation("All {Count} resources running in {Seconds:0.0} s", _runtimes.Count, clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// Stops everything, dependents before what they depend on: SIGTERM, a grace period
    /// (configuration StopGracePeriodSeconds, default 10), then SIGKILL of the whole process tree;
    /// the broker through rabbitmqctl, then its epmd.
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            _stopping ??= _started ? StopAllAsync() : Task.CompletedTask;
            return _stopping.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Starts, then runs until Ctrl+C, SIGTERM or <paramref name="cancellationToken"/>, then stops.</summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        using var shutdown = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var signals = 0;
        void OnSignal(PosixSignalContext context)
        {
            // A second Ctrl+C is let through: the runtime then exits and OnProcessExit kills what is left.
            context.Cancel = Interlocked.Increment(ref signals) == 1;
            shutdown.Cancel();
        }
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        try
        {
            await StartAsync(shutdown.Token).ConfigureAwait(false);
            LogSummary();
            _logger.LogInformation("Press Ctrl+C to stop.");
            await Task.Delay(Timeout.Infinite, shutdown.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            _logger.LogInformation("Stopping...");
        }
        finally
        {
            await StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    public void Run() => RunAsync().GetAwaiter().GetResult();

    public ResourceSnapshot GetResource(string name) => Find(name).Snapshot();

    /// <summary>
    /// The last lines (at most <see cref="ConsoleLogCapacity"/>) a resource wrote on stdout and
    /// stderr; for a replicated resource each line starts with its replica's name, and a replica's
    /// own name ("events-1") gives only its lines.
    /// </summary>
    public IReadOnlyList<string> GetConsoleLogs(string name) => Find(name).ConsoleText(name);

    public IReadOnlyList<ConsoleLine> GetConsoleLogEntries(string name) => Find(name).ConsoleLines(name);

    /// <summary>The first HTTP endpoint of a project (or executable with an endpoint).</summary>
    public Uri GetEndpoint(string name) =>
        Find(name).Resource is ProcessResource { Urls: [var first, ..] }
            ? first
            : throw new InvalidOperationException($"'{name}' has no HTTP endpoint.");

    public Task WaitForResourceHealthyAsync(string name, CancellationToken cancellationToken = default) =>
        Find(name).WhenHealthyAsync(cancellationToken);

    /// <summary>Stops one resource (all its replicas); what depends on it keeps running.</summary>
    public Task StopResourceAsync(string name) => Find(name).StopAsync();

    /// <summary>Starts a stopped resource again; its restart counts are kept.</summary>
    public Task StartResourceAsync(string name, CancellationToken cancellationToken = default)
    {
        var runtime = Find(name);
        runtime.Start();
        return runtime.WhenHealthyAsync(cancellationToken);
    }

    public async Task RestartResourceAsync(string name, CancellationToken cancellationToken = default)
    {
        await StopResourceAsync(name).ConfigureAwait(false);
        await StartResourceAsync(name, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await _services.DisposeAsync().ConfigureAwait(false);
    }

    private async Task StopAllAsync()
    {
        var clock = Stopwatch.StartNew();
        // Each resource stops as soon as everything depending on it has stopped, independent
        // branches concurrently. References may form cycles; a cycle is cut where it is met.
        var stops = new Dictionary<ResourceRuntime, Task>();
        var visiting = new HashSet<ResourceRuntime>();
        Task StopAfterDependents(ResourceRuntime runtime)
        {
            if (stops.TryGetValue(runtime, out var known))
            {
                return known;
            }
            if (!visiting.Add(runtime))
            {
                return Task.CompletedTask;
            }
            var dependents = _runtimes.Where(other => other.DependsOn.Contains(runtime)).Select(StopAfterDependents).ToList();
            var stop = StopOneAsync(runtime, dependents);
            stops[runtime] = stop;
            return stop;
        }
        await Task.WhenAll(_runtimes.Select(StopAfterDependents).ToList()).ConfigureAwait(false);
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        _logger.LogInformation("Stopped in {Seconds:0.0} s", clock.Elapsed.TotalSeconds);
    }

    private async Task StopOneAsync(ResourceRuntime runtime, IReadOnlyList<Task> dependents)
    {
        await Task.WhenAll(dependents).ConfigureAwait(false);
        try
        {
            await runtime.StopAsync().ConfigureAwait(false);
            await runtime.Driver.ShutdownAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // One resource failing to stop must not leave the others running.
            _logger.LogError(e, "Stopping {Resource} failed", runtime.Name);
        }
    }

    /// <summary>
    /// Processes of an earlier run on the same data folder that was killed before it could stop
    /// them would hold its ports (the gateway's fixed one) and files.
    /// </summary>
    private void KillLeftoversOfEarlierRuns()
    {
        foreach (var pid in ProcFs.WithEnvironmentVariable("DataFolder", _context.DataFolder))
        {
            if (ProcFs.EnvironmentOf(pid).TryGetValue(RunMarkerVariable, out var run) && run != RunId)
            {
                _logger.LogWarning("Killing {Pid} left by an earlier run: {CommandLine}", pid, ProcFs.CommandLine(pid));
                Posix.Signal(pid, Posix.SigKill);
            }
        }
    }

    private void OnProcessExit(object? sender, EventArgs e)
    {
        // Last resort when the host ends without stopping us: nothing may outlive it.
        if (!StopAsync().Wait(TimeSpan.FromSeconds(30)))
        {
            _logger.LogError("Stopping at process exit did not finish in time.");
        }
    }

    private void OnChanged(ResourceRuntime runtime)
    {
        TaskCompletionSource signal;
        lock (_lock)
        {
            signal = _changeSignal;
            _changeSignal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        signal.TrySetResult();
        if (ResourceChanged is { } handler)
        {
            try
            {
                handler(this, runtime.Snapshot());
            }
            catch (Exception e)
            {
                _logger.LogError(e, "A ResourceChanged handler failed");
            }
        }
    }

    private ResourceRuntime Find(string name) =>
        _runtimes.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? _runtimes.FirstOrDefault(r => r.Matches(name))
        ?? throw new KeyNotFoundException($"No resource named '{name}'.");

    private string Describe(ResourceRuntime runtime)
    {
        var snapshot = runtime.Snapshot();
        var replicas = string.Join("\n", snapshot.Replicas.Select(r => $"  {r.Name}: {r.State} {r.Error}"));
        var lines = runtime.ConsoleText(runtime.Name).TakeLast(20).Select(line => "    | " + line);
        return $"{replicas}\n{string.Join("\n", lines)}";
    }

    private void LogSummary()
    {
        foreach (var snapshot in Resources)
        {
            _logger.LogInformation("{Resource,-16} {Type,-18} {State}  {Urls}", snapshot.Name, snapshot.Type, snapshot.State, string.Join("  ", snapshot.Urls));
        }
    }
}
