using CircularPlatform.Gateway.Protection;
using Scalar.AspNetCore;

namespace CircularPlatform.Gateway.Docs;

/// <summary>
/// <c>/docs</c>: one reference of the whole public API, rendered by Scalar from
/// <c>/docs/openapi.json</c>, the services' documents merged as the gateway exposes them. It works
/// offline: Scalar's script is served from its package, and the options that would reach the
/// internet (fonts from a CDN, a request proxy, telemetry, the AI agent, MCP, and the developer
/// toolbar whose Share and Generate SDK send the document to Scalar's servers) are off.
/// </summary>
public static class ApiReference
{
    public const string Path = "/docs";
    public const string DocumentPath = "/docs/openapi.json";

    public static IHostApplicationBuilder AddApiReference(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHttpClient(ServiceDocuments.ClientName, client =>
        {
            client.Timeout = TimeSpan.FromSeconds(5);
            // Our services' documents are tens of kilobytes; a runaway one must not fill the gateway's memory.
            client.MaxResponseContentBufferSize = 8 * 1024 * 1024;
        });
        builder.Services.AddSingleton<ServiceDocuments>();
        return builder;
    }

    public static WebApplication MapApiReference(this WebApplication app)
    {
        // Each read fans out to every service, so it counts against the reader's share like an API call.
        app.MapGet(DocumentPath, async (ServiceDocuments documents, CancellationToken cancellationToken) =>
            {
                var merged = PublicApiDocument.Merge(await documents.ReadAllAsync(cancellationToken));
                return TypedResults.Text(merged.ToJsonString(), "application/json");
            })
            .ExcludeFromDescription()
            .RequireRateLimiting(GatewayProtection.RateLimitPolicy);

        app.MapScalarApiReference(Path, options =>
            {
                // Every document name leads to the merged one: /docs/<anything> must not show the gateway's own, empty one.
                options.WithTitle(PublicApiDocument.Title)
                    .WithOpenApiRoutePattern(DocumentPath)
                    .AddDocument("platform", PublicApiDocument.Title, DocumentPath, isDefault: true)
                    .DisableDefaultFonts()
                    .DisableTelemetry()
                    .DisableAgent()
                    .DisableMcp()
                    .HideDeveloperTools();
                // Left unset, the bundle falls back to Scalar's hosted proxy in some layouts; empty means none.
                options.ProxyUrl = string.Empty;
            })
            .RequireRateLimiting(GatewayProtection.RateLimitPolicy);
        return app;
    }
}
