using Microsoft.Extensions.Diagnostics.HealthChecks;
using Yarp.ReverseProxy;

namespace CircularPlatform.Gateway.Routing;

/// <summary>
/// Degraded, not unhealthy, when a service has no replica the gateway can use: the rest of the
/// public API still works, and ops see on the gateway's own <c>/health</c> which part does not.
/// </summary>
internal sealed class ServiceDestinationsHealthCheck(IProxyStateLookup proxy) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var clusters = proxy.GetClusters().OrderBy(cluster => cluster.ClusterId, StringComparer.Ordinal).ToList();
        if (clusters.Count == 0)
        {
            return Task.FromResult(HealthCheckResult.Degraded("No service is configured: no /api path is routed."));
        }
        var unreachable = clusters
            .Where(cluster => cluster.DestinationsState.AvailableDestinations.Count == 0)
            .Select(cluster => cluster.ClusterId)
            .ToList();
        var replicas = string.Join("; ", clusters.Select(cluster =>
            $"{cluster.ClusterId}: {cluster.DestinationsState.AvailableDestinations.Count} of {cluster.DestinationsState.AllDestinations.Count} replicas available"));
        return Task.FromResult(unreachable.Count == 0
            ? HealthCheckResult.Healthy(replicas + ".")
            : HealthCheckResult.Degraded($"No replica available for: {string.Join(", ", unreachable)}. {replicas}."));
    }
}
