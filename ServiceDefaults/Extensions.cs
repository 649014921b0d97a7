using CircularPlatform.ServiceDefaults.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every process of the platform has, set up once: telemetry, health, problem details,
/// JSON conventions and request limits. Services and the gateway call this and repeat none of it;
/// a service that publishes or consumes integration events adds the Messaging project's
/// <c>AddMessaging</c> and <c>MapMessagingOperations</c>.
/// </summary>
public static class ServiceDefaultsExtensions
{
    public const string HealthPath = "/health";
    public const string AlivePath = "/alive";
    private const string LiveTag = "live";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.AddLoggingDefaults();
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.AddHttpConventions();
        builder.AddPlatformAuthentication();
        builder.Services.AddOpenApi();
        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        return builder;
    }

    /// <summary>
    /// Authentication and authorisation first, then <c>/health</c> says whether the process can do its work (database, broker reachable);
    /// <c>/alive</c> only that it runs. Both are served in every environment: the AppHost,
    /// the gateway and an orchestrator rely on them.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        // Who called, as the gateway saw it, before anything uses the caller's address.
        if (app.Services.GetRequiredService<IOptions<ForwardedClientOptions>>().Value.ForwardedHeaders)
        {
            app.UseForwardedHeaders();
        }
        // Explicitly, so every process checks tokens at the same point of its pipeline: before
        // any middleware that reads the caller (the gateway's per-client rate limits) and before
        // endpoints that require a role.
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealthChecks(HealthPath, new HealthCheckOptions { ResponseWriter = HealthReportWriter.WriteAsync })
            .DisableHttpMetrics().WithName("Health");
        app.MapHealthChecks(AlivePath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(LiveTag),
            ResponseWriter = HealthReportWriter.WriteAsync,
        }).DisableHttpMetrics().WithName("Alive");
        app.MapOpenApi();
        return app;
    }
}
