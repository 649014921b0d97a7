using Yarp.ReverseProxy.Configuration;

namespace CircularPlatform.Gateway.Routing;

/// <summary>
/// The gateway is the platform's only public entry: <c>/api/&lt;service&gt;/**</c> goes to that service,
/// path unchanged. Destinations come from the Aspire-style variables <c>services__&lt;name&gt;__http__N</c>
/// (one per replica), so the AppHost, or any orchestrator, decides where services run.
/// </summary>
public static class ServiceRoutes
{
    public static IReadOnlyList<string> Services { get; } = ["members", "events", "knowledge", "notifications"];

    public static IHostApplicationBuilder AddServiceRoutes(this IHostApplicationBuilder builder)
    {
        var routes = Services.Select(Route).ToList();
        var clusters = Services.Select(service => Cluster(service, Destinations(builder.Configuration, service))).ToList();
        builder.Services.AddReverseProxy().LoadFromMemory(routes, clusters);
        builder.Services.AddHostedService<MissingDestinationsWarning>();
        return builder;
    }

    public static IReadOnlyList<string> Destinations(IConfiguration configuration, string service) =>
        configuration.GetSection($"services:{service}:http").GetChildren()
            .Select(entry => entry.Value)
            .Where(url => !string.IsNullOrWhiteSpace(url))
            .Select(url => url!)
            .ToList();

    private static RouteConfig Route(string service) => new()
    {
        RouteId = service,
        ClusterId = service,
        Match = new RouteMatch { Path = $"/api/{service}/{{**rest}}" },
        RateLimiterPolicy = Protection.GatewayProtection.RateLimitPolicy,
        CorsPolicy = Protection.GatewayProtection.CorsPolicy,
    };

    private static ClusterConfig Cluster(string service, IReadOnlyList<string> urls) => new()
    {
        ClusterId = service,
        LoadBalancingPolicy = "PowerOfTwoChoices",
        Destinations = urls.Select((url, index) => (url, index))
            .ToDictionary(d => $"{service}-{d.index}", d => new DestinationConfig { Address = d.url }),
        HealthCheck = new HealthCheckConfig
        {
            // A replica whose database or broker is unreachable stops receiving traffic until it recovers.
            Active = new ActiveHealthCheckConfig
            {
                Enabled = true,
                Interval = TimeSpan.FromSeconds(5),
                Timeout = TimeSpan.FromSeconds(3),
                Policy = "ConsecutiveFailures",
                Path = ServiceDefaultsExtensions.HealthPath,
            },
        },
        HttpRequest = new Yarp.ReverseProxy.Forwarder.ForwarderRequestConfig { ActivityTimeout = TimeSpan.FromSeconds(30) },
    };
}
