using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CircularPlatform.AppHost;

/// <summary>
/// Tells the operator what the start-up is doing: one line when every resource is healthy, with
/// the time since the AppHost started; and, while something waits, which dependency it waits for
/// and why (its state and the failing health checks), at once when that dependency has failed in
/// a way it will not recover from by itself.
/// </summary>
internal sealed class StartupReport(
    DistributedApplicationModel model,
    ResourceNotificationService notifications,
    IEnumerable<StartupAnnouncement> announcements,
    ILogger<StartupReport> logger) : BackgroundService
{
    private static readonly TimeSpan PatienceBeforeExplaining = TimeSpan.FromSeconds(30);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ResourceEvent> _latest = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = Process.GetCurrentProcess().StartTime.ToUniversalTime();
        var awaited = model.Resources.Where(Awaited).ToList();
        foreach (var announcement in announcements)
        {
            logger.LogInformation("{Announcement}", announcement.Text);
        }
        try
        {
            // Runs for the AppHost's whole life: a crash later also says who is left waiting.
            _ = WatchFailuresAsync(stoppingToken);
            var everyoneHealthy = Task.WhenAll(awaited.Select(r => notifications.WaitForResourceHealthyAsync(r.Name, stoppingToken)));
            while (await Task.WhenAny(everyoneHealthy, Task.Delay(PatienceBeforeExplaining, stoppingToken)).ConfigureAwait(false) != everyoneHealthy)
            {
                // A stop cancels the delay at once: no explanation then, nor a loop of them.
                stoppingToken.ThrowIfCancellationRequested();
                ExplainWaits(awaited);
            }
            await everyoneHealthy.ConfigureAwait(false);
            logger.LogInformation("Every resource is healthy ({Count} of them), {Seconds:0.0} s after the AppHost started. Public entry: {Urls}",
                awaited.Count, (DateTime.UtcNow - started).TotalSeconds, string.Join(", ", PublicUrls()));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped before everything was up.
        }
    }

    /// <summary>Where the platform is reached from outside: the endpoints marked external (the gateway).</summary>
    private IEnumerable<string> PublicUrls() =>
        model.Resources
            .SelectMany(r => r.Annotations.OfType<EndpointAnnotation>())
            .Where(e => e.IsExternal && e.AllocatedEndpoint is not null)
            .Select(e => e.AllocatedEndpoint!.UriString);

    /// <summary>
    /// The resources that report health: processes and what has health checks, not parameters,
    /// one-shot steps, or what starts only when asked (a project's rebuilder, hidden by Aspire).
    /// </summary>
    private static bool Awaited(IResource resource) =>
        !resource.Annotations.OfType<ExplicitStartupAnnotation>().Any()
        && (resource is ProjectResource
            || (resource.TryGetAnnotationsIncludingAncestorsOfType<HealthCheckAnnotation>(out var checks) && checks.Any()));

    private void ExplainWaits(IEnumerable<IResource> awaited)
    {
        var unhealthy = awaited
            .Where(r => !Current(r.Name, out var current) || current.Snapshot.HealthStatus is not Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy)
            .Select(r => $"{r.Name} ({Describe(r.Name)})")
            .ToList();
        if (unhealthy.Count > 0)
        {
            logger.LogWarning("Not healthy yet: {Resources}", string.Join("; ", unhealthy));
        }
        foreach (var resource in model.Resources)
        {
            foreach (var wait in resource.Annotations.OfType<WaitAnnotation>())
            {
                if (!Current(resource.Name, out var waiting) || waiting.Snapshot.State?.Text != KnownResourceStates.Waiting)
                {
                    continue;
                }
                logger.LogWarning("{Resource} is still waiting for {Dependency}: {Why}", resource.Name, wait.Resource.Name, Describe(wait.Resource.Name));
            }
        }
    }

    private async Task WatchFailuresAsync(CancellationToken stoppingToken)
    {
        var reported = new HashSet<string>();
        try
        {
            await foreach (var update in notifications.WatchAsync(stoppingToken).ConfigureAwait(false))
            {
                _latest[update.Resource.Name] = update;
                var state = update.Snapshot.State?.Text;
                var failed = state == KnownResourceStates.FailedToStart
                    || (state == KnownResourceStates.Exited && update.Snapshot.ExitCode is not 0)
                    || (state == KnownResourceStates.Finished && update.Snapshot.ExitCode is not (0 or null));
                if (!failed)
                {
                    reported.Remove(update.ResourceId);
                    continue;
                }
                var dependents = model.Resources
                    .Where(r => r.Annotations.OfType<WaitAnnotation>().Any(w => w.Resource == update.Resource))
                    .Select(r => r.Name)
                    .ToList();
                if (dependents.Count > 0 && reported.Add(update.ResourceId))
                {
                    logger.LogError("{Dependents} cannot start yet: {Dependency} {Why}. Its console log on the dashboard says why.",
                        string.Join(", ", dependents), update.Resource.Name,
                        state == KnownResourceStates.FailedToStart ? "failed to start" : $"exited with code {update.Snapshot.ExitCode}");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The AppHost is stopping.
        }
    }

    private string Describe(string resourceName)
    {
        if (!Current(resourceName, out var current))
        {
            return "not created yet";
        }
        var snapshot = current.Snapshot;
        var failing = snapshot.HealthReports
            .Where(report => report.Status is not Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy)
            .Select(report => $"{report.Name}: {report.Description ?? report.ExceptionText ?? report.Status?.ToString() ?? "not checked yet"}");
        return $"{snapshot.State?.Text ?? "unknown"}, health {snapshot.HealthStatus?.ToString() ?? "unknown"}"
            + (failing.Any() ? " (" + string.Join("; ", failing) + ")" : "");
    }

    private bool Current(string resourceName, out ResourceEvent current) => _latest.TryGetValue(resourceName, out current!);
}
