using System.Collections.Concurrent;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CircularPlatform.AppHost;

/// <summary>
/// Starts a process again when it ends with a failure exit code, as a supervisor would: Aspire's
/// orchestrator leaves a crashed process exited until someone presses start. The delay doubles
/// with each crash in a row (1 s up to 30 s) and is forgotten once a run lasted a minute. A
/// process stopped on purpose (from the dashboard, or by the AppHost shutting down) exits with 0
/// or after passing through Stopping, or while the AppHost stops, and stays stopped.
/// </summary>
internal sealed class CrashRestarts(
    ResourceNotificationService notifications,
    ResourceCommandService commands,
    IHostApplicationLifetime lifetime,
    ILogger<CrashRestarts> logger) : BackgroundService
{
    private static readonly TimeSpan LongestDelay = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StableRun = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, Crashes> _crashes = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var update in notifications.WatchAsync(stoppingToken).ConfigureAwait(false))
            {
                if (!update.Resource.Annotations.OfType<RestartOnCrashAnnotation>().Any())
                {
                    continue;
                }
                var snapshot = update.Snapshot;
                var crashes = _crashes.GetOrAdd(update.ResourceId, _ => new Crashes());
                if (snapshot.State?.Text == KnownResourceStates.Running)
                {
                    crashes.Pending = false;
                    crashes.StopAsked = false;
                    continue;
                }
                // A stop asked for (the dashboard's stop command) passes through Stopping; a crash does not.
                if (snapshot.State?.Text == KnownResourceStates.Stopping)
                {
                    crashes.StopAsked = true;
                    continue;
                }
                if (!Crashed(snapshot) || crashes.Pending || crashes.StopAsked || lifetime.ApplicationStopping.IsCancellationRequested)
                {
                    continue;
                }
                crashes.Pending = true;
                var ran = snapshot.StopTimeStamp - snapshot.StartTimeStamp;
                crashes.InARow = ran > StableRun ? 1 : crashes.InARow + 1;
                var delay = TimeSpan.FromSeconds(Math.Min(LongestDelay.TotalSeconds, Math.Pow(2, crashes.InARow - 1)));
                logger.LogWarning("{Resource} ({Replica}) exited with code {ExitCode}; starting it again in {Delay} s (crash {Count} in a row).",
                    update.Resource.Name, update.ResourceId, snapshot.ExitCode, delay.TotalSeconds, crashes.InARow);
                _ = RestartAsync(update.ResourceId, delay, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The AppHost is stopping.
        }
    }

    private static bool Crashed(CustomResourceSnapshot snapshot) =>
        snapshot.State?.Text is { } state
        && (state == KnownResourceStates.Exited || state == KnownResourceStates.Finished || state == KnownResourceStates.FailedToStart)
        && snapshot.ExitCode is not 0;

    private async Task RestartAsync(string resourceId, TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, stoppingToken).ConfigureAwait(false);
            var result = await commands.ExecuteCommandAsync(resourceId, KnownResourceCommands.StartCommand, stoppingToken).ConfigureAwait(false);
            if (!result.Success)
            {
                logger.LogError("{Resource} could not be started again: {Reason}", resourceId, result.Message);
                _crashes[resourceId].Pending = false;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The AppHost is stopping: nothing is started any more.
        }
    }

    private sealed class Crashes
    {
        public int InARow { get; set; }

        public bool Pending { get; set; }

        public bool StopAsked { get; set; }
    }
}
