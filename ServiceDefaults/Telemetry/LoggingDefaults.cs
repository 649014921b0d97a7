using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The log levels a process starts with when nothing configures them. No service ships an
/// appsettings.json, so without these every category logged at Information: ASP.NET Core wrote
/// five lines per request and EF Core one per SQL command, each formatted for the console and for
/// OTLP. Under load the requests queued on the console logger's lock, the hottest spot of a list
/// request; the traces already carry each request.
/// </summary>
/// <remarks>
/// These are configuration, not code filters, and the lowest-priority source: any
/// <c>Logging:LogLevel:*</c> from appsettings, the environment or the command line still wins
/// (<c>Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command=Information</c> shows the SQL again).
/// See docs/adr/0011.
/// </remarks>
public static class LoggingDefaults
{
    public static readonly IReadOnlyDictionary<string, string?> Levels = new Dictionary<string, string?>
    {
        // Per request: "Request starting/finished", endpoint and result executing; the server span says it.
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        // Per SQL command (on PostgreSQL Npgsql's span carries it). Migrations, at start, stay at Information.
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Warning",
        // Per proxied request, in the gateway: "Proxying to ..." and "Received HTTP/1.1 response";
        // YARP's forwarder span and metrics say it. Its health checks (Yarp.ReverseProxy.Health) stay.
        ["Logging:LogLevel:Yarp.ReverseProxy.Forwarder"] = "Warning",
        // Per outgoing request of a factory-made client (four lines each); the client span says it.
        ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",
    };

    public static TBuilder AddLoggingDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        // First in the list, so every source added before or after overrides it.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = Levels });
        return builder;
    }
}
