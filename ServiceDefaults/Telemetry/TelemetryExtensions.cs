using CircularPlatform.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

public static class TelemetryExtensions
{
    /// <summary>Activity sources and meters of the platform's own code start with this prefix.</summary>
    public const string PlatformPrefix = "CircularPlatform";

    private static readonly string[] TraceSources =
    [
        "Microsoft.AspNetCore", "System.Net.Http", "MassTransit", "Npgsql", "Yarp.ReverseProxy", PlatformPrefix + ".*",
    ];

    private static readonly string[] Meters =
    [
        "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Diagnostics", "Microsoft.AspNetCore.RateLimiting", "System.Net.Http", "System.Runtime",
        "MassTransit", "Microsoft.EntityFrameworkCore", "Npgsql", "Yarp.ReverseProxy", PlatformPrefix + ".*",
    ];

    /// <summary>
    /// Traces, metrics and logs, exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
    /// The hosting integration package of OpenTelemetry is not available to us, so the providers
    /// are built directly and disposed (flushed) when the host stops.
    /// </summary>
    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var exportOtlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var resource = CreateResource(builder);

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
            logging.SetResourceBuilder(resource);
            if (exportOtlp)
            {
                logging.AddOtlpExporter();
            }
        });

        var tracing = Sdk.CreateTracerProviderBuilder().SetResourceBuilder(resource).AddSource(TraceSources);
        var metrics = Sdk.CreateMeterProviderBuilder().SetResourceBuilder(resource).AddMeter(Meters);
        if (exportOtlp)
        {
            tracing.AddOtlpExporter();
            metrics.AddOtlpExporter();
        }

        builder.Services.AddSingleton(new TelemetryProviders(tracing.Build(), metrics.Build()));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TelemetryProviders>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Transient<IStartupFilter, ServerSpanStartupFilter>());
        return builder;
    }

    private static ResourceBuilder CreateResource(IHostApplicationBuilder builder)
    {
        // CreateDefault reads OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES, as the AppHost sets them.
        var resource = ResourceBuilder.CreateDefault();
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_SERVICE_NAME"]))
        {
            resource.AddService(ShortName(builder.Environment.ApplicationName));
        }
        return resource.AddAttributes([new("deployment.environment.name", builder.Environment.EnvironmentName)]);
    }

    internal static string ShortName(string applicationName) =>
        applicationName.StartsWith(PlatformPrefix + ".", StringComparison.Ordinal)
            ? applicationName[(PlatformPrefix.Length + 1)..].ToLowerInvariant()
            : applicationName.ToLowerInvariant();
}
