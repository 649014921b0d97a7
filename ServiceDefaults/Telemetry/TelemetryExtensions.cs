using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

public static class TelemetryExtensions
{
    /// <summary>Activity sources and meters of the platform's own code start with this prefix.</summary>
    public const string PlatformPrefix = "CircularPlatform";

    /// <summary>
    /// Beside what the ASP.NET Core, HttpClient and runtime instrumentations bring. The messaging
    /// layer adds MassTransit's own where it is used. Not YARP's: its forwarder span sits between
    /// the gateway's request span and the HttpClient span of the same call, saying nothing they
    /// do not (the route is the request span's name), and every span costs the dashboard a row
    /// write (a fifth of the gateway's telemetry per request; YARP's meters stay).
    /// </summary>
    private static readonly string[] TraceSources =
    [
        "Npgsql", PlatformPrefix + ".*",
    ];

    private static readonly string[] Meters =
    [
        "Microsoft.EntityFrameworkCore", "Npgsql", "Yarp.ReverseProxy", PlatformPrefix + ".*",
    ];

    /// <summary>
    /// Traces, metrics and logs, exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set
    /// (the OTLP exporter then reads the other OTEL_* variables the AppHost sets, headers and
    /// protocol included). Without it nothing leaves the process.
    /// </summary>
    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => ConfigureResource(resource, builder))
            .WithTracing(tracing => tracing
                // Probes from the AppHost and orchestrators every few seconds would bury the requests that matter.
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsProbe(context.Request.Path))
                .AddHttpClientInstrumentation()
                .AddSource(TraceSources))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(Meters));

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }
        return builder;
    }

    private static void ConfigureResource(ResourceBuilder resource, IHostApplicationBuilder builder)
    {
        // The default resource reads OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES, as the AppHost
        // sets them; a process started by hand is named after its project.
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_SERVICE_NAME"]))
        {
            resource.AddService(ShortName(builder.Environment.ApplicationName));
        }
        resource.AddAttributes([new("deployment.environment.name", builder.Environment.EnvironmentName)]);
    }

    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments(ServiceDefaultsExtensions.HealthPath) || path.StartsWithSegments(ServiceDefaultsExtensions.AlivePath);

    /// <summary>The service's name as people and queues read it: <c>CircularPlatform.Events</c> is <c>events</c>.</summary>
    public static string ShortName(string applicationName) =>
        applicationName.StartsWith(PlatformPrefix + ".", StringComparison.Ordinal)
            ? applicationName[(PlatformPrefix.Length + 1)..].ToLowerInvariant()
            : applicationName.ToLowerInvariant();
}
