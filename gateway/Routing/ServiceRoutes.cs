using System.Text.RegularExpressions;
using Yarp.ReverseProxy.Configuration;

namespace CircularPlatform.Gateway.Routing;

/// <summary>
/// The gateway is the platform's only public entry: <c>/api/&lt;service&gt;/**</c> goes to that service,
/// path unchanged. Which services exist is the AppHost's knowledge alone: every name under the
/// <c>services</c> configuration section (Aspire's <c>services__&lt;name&gt;__http__N</c>, one per replica)
/// gets a route, and service discovery turns <c>http://&lt;name&gt;</c> into its replicas' addresses.
/// </summary>
public static partial class ServiceRoutes
{
    public const string ServicesSection = "services";

    public static IHostApplicationBuilder AddServiceRoutes(this IHostApplicationBuilder builder)
    {
        var services = RoutedServices(builder.Configuration);
        // Configuration only: a name that is not configured must resolve to nothing, not to a DNS
        // query for a host called after it.
        builder.Services.AddConfigurationServiceEndpointProvider();
        builder.Services.AddReverseProxy()
            .LoadFromMemory(services.Select(Route).ToList(), services.Select(Cluster).ToList())
            .AddServiceDiscoveryDestinationResolver();
        builder.Services.AddHostedService<MissingDestinationsWarning>();
        builder.Services.AddHealthChecks().AddCheck<ServiceDestinationsHealthCheck>(ServicesSection);
        return builder;
    }

    /// <summary>The services given in configuration whose name can be both a path segment and a host name.</summary>
    public static IReadOnlyList<string> RoutedServices(IConfiguration configuration) =>
        ConfiguredNames(configuration)
            .Where(IsServiceName)
            .Select(name => name.ToLowerInvariant())
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

    public static IEnumerable<string> ConfiguredNames(IConfiguration configuration) =>
        configuration.GetSection(ServicesSection).GetChildren().Select(section => section.Key);

    /// <summary>Aspire's resource names: letters, digits and inner hyphens.</summary>
    public static bool IsServiceName(string name) => ServiceName().IsMatch(name);

    public static string PathPrefix(string service) => $"/api/{service}";

    /// <summary>What service discovery resolves: the <c>http</c> endpoints of that service.</summary>
    public static string DiscoveryAddress(string service) => $"http://{service}";

    [GeneratedRegex("^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ServiceName();

    private static RouteConfig Route(string service) => new()
    {
        RouteId = service,
        ClusterId = service,
        Match = new RouteMatch { Path = PathPrefix(service) + "/{**rest}" },
        RateLimiterPolicy = Protection.GatewayProtection.RateLimitPolicy,
        CorsPolicy = Protection.GatewayProtection.CorsPolicy,
    };

    private static ClusterConfig Cluster(string service) => new()
    {
        ClusterId = service,
        LoadBalancingPolicy = "PowerOfTwoChoices",
        // One destination per service; the destination resolver expands it into one per replica.
        Destinations = new Dictionary<string, DestinationConfig>
        {
            [service] = new DestinationConfig { Address = DiscoveryAddress(service) },
        },
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
