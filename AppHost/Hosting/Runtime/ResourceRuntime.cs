using Microsoft.Extensions.Logging;

namespace CircularPlatform.Hosting;

/// <summary>
/// Supervises the instances of one resource: waits for its dependencies, launches through its
/// driver, follows health, restarts what crashes with back-off, and stops on request.
/// </summary>
internal sealed class ResourceRuntime
{
    private static readonly TimeSpan StartingProbeInterval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan RunningProbeInterval = TimeSpan.FromSeconds(5);

    private readonly IResourceDriver _driver;
    private readonly Instance[] _instances;
    private readonly ConsoleLogBuffer _logs;
    private readonly ILogger _stateLogger;
    private readonly ILogger _consoleLogger;
    private readonly Action<ResourceRuntime> _changed;
    private readonly object _lock = new();
    private TaskCompletionSource _changeSignal = NewSignal();

    public ResourceRuntime(IResource resource, IResourceDriver driver, ILoggerFactory loggers, int consoleCapacity, Action<ResourceRuntime> changed)
    {
        Resource = resource;
        _driver = driver;
        _logs = new ConsoleLogBuffer(consoleCapacity);
        _stateLogger = loggers.CreateLogger("CircularPlatform.Hosting");
        _consoleLogger = loggers.CreateLogger(resource.Name);
        _changed = changed;
        _instances = [.. Enumerable.Range(0, driver.InstanceCount).Select(i => new Instance(i, driver.InstanceName(i)))];
    }

    public IResource Resource { get; }

    public string Name => Resource.Name;

    /// <summary>Must be healthy before this resource starts.</summary>
    public List<ResourceRuntime> WaitsFor { get; } = [];

    /// <summary>Must keep running until this resource has stopped (waits and references).</summary>
    public List<ResourceRuntime> DependsOn { get; } = [];

    public IResourceDriver Driver => _driver;

    public bool IsHealthy
    {
        get
        {
            lock (_lock)
            {
                return _instances.All(i => i.State == ResourceState.Running && i.Health == ResourceHealth.Healthy);
            }
        }
    }

    public bool HasFailedToStart
    {
        get
        {
            lock (_lock)
            {
                return _instances.Any(i => i.State == ResourceState.FailedToStart);
            }
        }
    }

    public bool Matches(string name) =>
        string.Equals(Name, name, StringComparison.OrdinalIgnoreCase)
        || _instances.Any(i => string.Equals(i.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Starts supervising every instance not already supervised.</summary>
    public void Start()
    {
        lock (_lock)
        {
            foreach (var instance in _instances)
            {
                if (instance.Supervisor is { IsCompleted: false })
                {
                    continue;
                }
                instance.Stop = new CancellationTokenSource();
                var token = instance.Stop.Token;
                instance.Supervisor = Task.Run(() => SuperviseAsync(instance, token), CancellationToken.None);
            }
        }
    }

    public async Task StopAsync()
    {
        List<(CancellationTokenSource? Stop, Task Supervisor)> running;
        lock (_lock)
        {
            running = [.. _instances.Where(i => i.Supervisor is not null).Select(i => (i.Stop, i.Supervisor!))];
        }
        // Cancelling runs supervisors' continuations inline, so never under the lock they take.
        foreach (var (stop, _) in running)
        {
            stop?.Cancel();
        }
        await Task.WhenAll(running.Select(r => r.Supervisor)).ConfigureAwait(false);
    }

    public async Task WhenHealthyAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task signal;
            lock (_lock)
            {
                if (_instances.All(i => i.State == ResourceState.Running && i.Health == ResourceHealth.Healthy))
                {
                    return;
                }
                signal = _changeSignal.Task;
            }
            await signal.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public IReadOnlyList<ConsoleLine> ConsoleLines(string name)
    {
        var lines = _logs.Snapshot();
        var instance = _instances.FirstOrDefault(i => string.Equals(i.Name, name, StringComparison.OrdinalIgnoreCase));
        return instance is null || string.Equals(Name, name, StringComparison.OrdinalIgnoreCase)
            ? lines
            : [.. lines.Where(line => line.Replica == instance.Index)];
    }

    public IReadOnlyList<string> ConsoleText(string name)
    {
        var prefixed = _instances.Length > 1 && string.Equals(Name, name, StringComparison.OrdinalIgnoreCase);
        return [.. ConsoleLines(name).Select(line => prefixed ? $"[{_instances[line.Replica].Name}] {line.Text}" : line.Text)];
    }

    public ResourceSnapshot Snapshot()
    {
        ReplicaSnapshot[] replicas;
        lock (_lock)
        {
            replicas = [.. _instances.Select(i => new ReplicaSnapshot(
                i.Name, i.Index, i.State, i.Health, _driver.Urls(i.Index).FirstOrDefault(), i.Pid, i.RestartCount, i.ExitCode, i.StartedAt, i.Error,
                _driver.Environment(i.Index)))];
        }
        return new ResourceSnapshot(
            Name,
            _driver.Type,
            Summarise(replicas.Select(r => r.State)),
            replicas.All(r => r.Health == ResourceHealth.Healthy) ? ResourceHealth.Healthy
                : replicas.Any(r => r.Health == ResourceHealth.Unhealthy) ? ResourceHealth.Unhealthy
                : ResourceHealth.Unknown,
            [.. Enumerable.Range(0, _instances.Length).SelectMany(_driver.Urls)],
            [.. replicas.Where(r => r.Pid is not null).Select(r => r.Pid!.Value)],
            replicas.Sum(r => r.RestartCount),
            replicas,
            [.. WaitsFor.Select(w => w.Name)]);
    }

    private async Task SuperviseAsync(Instance instance, CancellationToken stop)
    {
        try
        {
            if (WaitsFor.Count > 0)
            {
                Set(instance, ResourceState.Waiting, ResourceHealth.Unknown);
                await Task.WhenAll(WaitsFor.Select(w => w.WhenHealthyAsync(stop))).ConfigureAwait(false);
            }
            var backoff = RestartBackoff.Default();
            while (true)
            {
                stop.ThrowIfCancellationRequested();
                instance.Pid = null;
                instance.ExitCode = null;
                instance.Error = null;
                Set(instance, ResourceState.Starting, ResourceHealth.Unknown);

                RunningInstance running;
                try
                {
                    running = await _driver.LaunchAsync(instance.Index, (line, isError) => OnLine(instance, line, isError), stop).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stop.IsCancellationRequested)
                {
                    instance.Error = e.Message;
                    Set(instance, ResourceState.FailedToStart, ResourceHealth.Unhealthy);
                    return;
                }
                instance.Pid = running.Pid;
                instance.StartedAt = DateTimeOffset.UtcNow;

                using (var monitoring = CancellationTokenSource.CreateLinkedTokenSource(stop))
                {
                    var health = FollowHealthAsync(instance, monitoring.Token);
                    await Task.WhenAny(running.Exited, Task.Delay(Timeout.Infinite, monitoring.Token)).ConfigureAwait(false);
                    await monitoring.CancelAsync().ConfigureAwait(false);
                    await health.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                }

                if (stop.IsCancellationRequested)
                {
                    Set(instance, ResourceState.Stopping, instance.Health);
                    await running.StopAsync().ConfigureAwait(false);
                    instance.ExitCode = running.ExitCode();
                    instance.Pid = null;
                    Set(instance, ResourceState.Finished, ResourceHealth.Unknown);
                    return;
                }

                instance.ExitCode = running.ExitCode();
                instance.Pid = null;
                var delay = backoff.NextDelay(DateTimeOffset.UtcNow - instance.StartedAt.Value);
                instance.Error = $"restarting in {delay.TotalSeconds:0.#} s";
                Set(instance, ResourceState.Exited, ResourceHealth.Unhealthy);
                await Task.Delay(delay, stop).ConfigureAwait(false);
                instance.RestartCount++;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            Set(instance, ResourceState.Finished, ResourceHealth.Unknown);
        }
        catch (Exception e)
        {
            // A bug here must show on the resource, not vanish in an unobserved task.
            instance.Error = e.ToString();
            Set(instance, ResourceState.FailedToStart, ResourceHealth.Unhealthy);
        }
    }

    private async Task FollowHealthAsync(Instance instance, CancellationToken cancellationToken)
    {
        if (!_driver.HasHealthCheck)
        {
            SetIfCurrent(instance, ResourceState.Running, ResourceHealth.Healthy, cancellationToken);
            return;
        }
        while (!await _driver.CheckHealthAsync(instance.Index, cancellationToken).ConfigureAwait(false))
        {
            await Task.Delay(StartingProbeInterval, cancellationToken).ConfigureAwait(false);
        }
        SetIfCurrent(instance, ResourceState.Running, ResourceHealth.Healthy, cancellationToken);
        while (true)
        {
            await Task.Delay(RunningProbeInterval, cancellationToken).ConfigureAwait(false);
            var healthy = await _driver.CheckHealthAsync(instance.Index, cancellationToken).ConfigureAwait(false);
            SetIfCurrent(
                instance,
                healthy ? ResourceState.Running : ResourceState.Unhealthy,
                healthy ? ResourceHealth.Healthy : ResourceHealth.Unhealthy,
                cancellationToken);
        }
    }

    // Health results that arrive after the instance exited or was told to stop are stale. The
    // supervisor waits for this loop to end before recording the exit, so no stale result wins.
    private void SetIfCurrent(Instance instance, ResourceState state, ResourceHealth health, CancellationToken cancellationToken)
    {
        if (!cancellationToken.IsCancellationRequested)
        {
            Set(instance, state, health);
        }
    }

    private void Set(Instance instance, ResourceState state, ResourceHealth health)
    {
        ResourceState previous;
        TaskCompletionSource signal;
        lock (_lock)
        {
            previous = instance.State;
            if (previous == state && instance.Health == health)
            {
                return;
            }
            instance.State = state;
            instance.Health = health;
            signal = _changeSignal;
            _changeSignal = NewSignal();
        }
        signal.TrySetResult();
        if (previous != state)
        {
            LogTransition(instance, previous, state, health);
        }
        _changed(this);
    }

    private void LogTransition(Instance instance, ResourceState previous, ResourceState state, ResourceHealth health)
    {
        var details = state switch
        {
            ResourceState.Running or ResourceState.Unhealthy =>
                $" ({health.ToString().ToLowerInvariant()}){(instance.Pid is { } pid ? $"  pid {pid}" : "")}  {string.Join("  ", _driver.Urls(instance.Index))}",
            ResourceState.Exited => $" (exit code {instance.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}, {instance.Error})",
            ResourceState.FailedToStart => $": {instance.Error}",
            _ => "",
        };
        var level = state switch
        {
            ResourceState.FailedToStart => LogLevel.Error,
            ResourceState.Exited or ResourceState.Unhealthy => LogLevel.Warning,
            _ => LogLevel.Information,
        };
        _stateLogger.Log(level, "{Instance}  {Previous} -> {State}{Details}", instance.Name, previous, state, details.TrimEnd());
    }

    private void OnLine(Instance instance, string line, bool isError)
    {
        _logs.Add(new ConsoleLine(DateTimeOffset.UtcNow, instance.Index, isError, line));
        _consoleLogger.LogDebug("{Instance}| {Line}", instance.Name, line);
    }

    // The state that most needs attention stands for the resource.
    private static ResourceState Summarise(IEnumerable<ResourceState> states)
    {
        ResourceState[] byConcern =
        [
            ResourceState.FailedToStart, ResourceState.Exited, ResourceState.Unhealthy, ResourceState.Stopping,
            ResourceState.Starting, ResourceState.Waiting, ResourceState.NotStarted, ResourceState.Running, ResourceState.Finished,
        ];
        var present = states.ToHashSet();
        return byConcern.First(present.Contains);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed class Instance(int index, string name)
    {
        public int Index { get; } = index;

        public string Name { get; } = name;

        public ResourceState State { get; set; } = ResourceState.NotStarted;

        public ResourceHealth Health { get; set; } = ResourceHealth.Unknown;

        public int? Pid { get; set; }

        public int RestartCount { get; set; }

        public int? ExitCode { get; set; }

        public DateTimeOffset? StartedAt { get; set; }

        public string? Error { get; set; }

        public CancellationTokenSource? Stop { get; set; }

        public Task? Supervisor { get; set; }
    }
}
