namespace CircularPlatform.Gateway.Routing;

/// <summary>Says at start-up which services the gateway cannot reach, instead of 503s that puzzle ops later.</summary>
internal sealed partial class MissingDestinationsWarning(IConfiguration configuration, ILogger<MissingDestinationsWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var service in ServiceRoutes.Services)
        {
            var destinations = ServiceRoutes.Destinations(configuration, service);
            if (destinations.Count == 0)
            {
                LogMissing(logger, service, service);
            }
            else
            {
                LogRouted(logger, service, string.Join(", ", destinations));
            }
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "No destination for /api/{Service}: set services__{Name}__http__0")]
    private static partial void LogMissing(ILogger logger, string service, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "/api/{Service} goes to {Destinations}")]
    private static partial void LogRouted(ILogger logger, string service, string destinations);
}
