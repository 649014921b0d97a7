using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CircularPlatform.AppHost;

/// <summary>
/// Healthy when the public entry leads somewhere: every service the gateway routes to is healthy,
/// and the gateway itself says so on <c>/health</c> (its report is Healthy, not Degraded: each
/// route has a replica its probes accept). The gateway starts without waiting for the services,
/// so until they are up it answers, and this says Degraded with who is missing; whoever waits for
/// the gateway (the start-up report, the end-to-end tests) still waits for a usable platform.
/// </summary>
internal sealed class RoutesHealthCheck(
    EndpointReference gateway,
    IReadOnlyList<string> services,
    ResourceNotificationService notifications,
    HttpClient client) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var unhealthy = services
            .Where(s => !notifications.TryGetCurrentState(s, out var current) || current.Snapshot.HealthStatus is not HealthStatus.Healthy)
            .ToList();
        if (unhealthy.Count > 0)
        {
            return HealthCheckResult.Degraded($"Not healthy yet: {string.Join(", ", unhealthy)}.");
        }
        if (!gateway.IsAllocated)
        {
            return HealthCheckResult.Degraded("The gateway has no address yet.");
        }
        try
        {
            using var response = await client.GetAsync(new Uri(new Uri(gateway.Url), ServicePaths.Health), cancellationToken).ConfigureAwait(false);
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using var report = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
            var status = report.RootElement.TryGetProperty("status", out var value) ? value.GetString() : null;
            return status == nameof(HealthStatus.Healthy)
                ? HealthCheckResult.Healthy("Every route has a healthy service behind it.")
                : HealthCheckResult.Degraded($"The gateway reports {status ?? "no status"}: its probes have not accepted every service yet.");
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or InvalidOperationException
            || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return HealthCheckResult.Degraded($"The gateway's /health did not answer: {e.Message}");
        }
    }
}

/// <summary>The paths every process of the platform serves (ServiceDefaults).</summary>
internal static class ServicePaths
{
    public const string Health = "/health";
}
