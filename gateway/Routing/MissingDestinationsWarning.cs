using Microsoft.Extensions.ServiceDiscovery;

namespace CircularPlatform.Gateway.Routing;

/// <summary>Says at start-up which services the gateway cannot reach, instead of 404s and 503s that puzzle ops later.</summary>
internal sealed partial class MissingDestinationsWarning(
    IConfiguration configuration, ServiceEndpointResolver resolver, ILogger<MissingDestinationsWarning> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var names = ServiceRoutes.ConfiguredNames(configuration).ToList();
        if (names.Count == 0)
        {
            LogNoService(logger);
            return;
        }
        foreach (var name in names)
        {
            if (!ServiceRoutes.IsServiceName(name))
            {
                LogUnroutable(logger, name);
                continue;
            }
            var service = name.ToLowerInvariant();
            var resolved = await resolver.GetEndpointsAsync(ServiceRoutes.DiscoveryAddress(service), cancellationToken);
            if (resolved.Endpoints.Count == 0)
            {
                LogMissing(logger, service, service);
            }
            else
            {
                LogRouted(logger, service, string.Join(", ", resolved.Endpoints));
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "No service is configured, so no /api path is routed: the AppHost sets services__<name>__http__0 for each service it references")]
    private static partial void LogNoService(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Service '{Name}' is not routed: a service name is letters, digits and inner hyphens")]
    private static partial void LogUnroutable(ILogger logger, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No http destination for /api/{Service}: set services__{Name}__http__0")]
    private static partial void LogMissing(ILogger logger, string service, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "/api/{Service} goes to {Destinations}")]
    private static partial void LogRouted(ILogger logger, string service, string destinations);
}
