using Aspire.Hosting.ApplicationModel;
using CircularPlatform.AppHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Aspire.Hosting;

public static class RoutesHealthCheckExtensions
{
    /// <summary>
    /// The gateway is healthy only when the services it routes to are, and it sees them so
    /// (<see cref="RoutesHealthCheck"/>): the health that <c>WaitFor</c> on each service gave it before,
    /// without holding its start back until they are up.
    /// </summary>
    public static IResourceBuilder<T> WithRoutesHealthCheck<T>(this IResourceBuilder<T> gateway, params IResourceBuilder<IResource>[] services)
        where T : IResourceWithEndpoints
    {
        var key = $"{gateway.Resource.Name}-routes";
        var endpoint = gateway.GetEndpoint("http");
        var names = services.Select(s => s.Resource.Name).ToList();
        gateway.ApplicationBuilder.Services.AddHttpClient(key, client => client.Timeout = TimeSpan.FromSeconds(5)).RemoveAllLoggers();
        gateway.ApplicationBuilder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            key,
            sp => new RoutesHealthCheck(endpoint, names, sp.GetRequiredService<ResourceNotificationService>(), sp.GetRequiredService<IHttpClientFactory>().CreateClient(key)),
            failureStatus: null,
            tags: null));
        return gateway.WithHealthCheck(key);
    }
}
