using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace CircularPlatform.Gateway.Protection;

/// <summary>
/// What the public entry adds in front of every service route: a fair share of requests per client
/// (429 with Retry-After past it) and CORS for the club's own front-ends. Request size limits and
/// problem details come from the service defaults; forwarding timeouts from the routes.
/// </summary>
public static class GatewayProtection
{
    public const string RateLimitPolicy = "per-client";
    public const string CorsPolicy = "front-ends";

    public static IHostApplicationBuilder AddGatewayProtection(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(GatewayProtectionOptions.Section).Get<GatewayProtectionOptions>() ?? new();
        // The gateway is the edge: what a caller says about who it is (X-Forwarded-For) proves
        // nothing, and believing it would hand out fresh rate limits to whoever forges one.
        builder.Services.PostConfigure<ServiceDefaults.Http.ForwardedClientOptions>(client => client.ForwardedHeaders = false);

        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(RateLimitPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                ClientKey(context),
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.RateLimitPermits,
                    Window = options.RateLimitWindow,
                    QueueLimit = 0,
                }));
            limiter.OnRejected = (rejected, cancellationToken) => RejectAsync(rejected.HttpContext, rejected.Lease, options, cancellationToken);
        });

        builder.Services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy =>
        {
            if (options.CorsOrigins.Length > 0)
            {
                policy.WithOrigins(options.CorsOrigins)
                    .AllowAnyMethod()
                    .WithHeaders("Authorization", "Content-Type", "Accept-Language", "If-Match")
                    .WithExposedHeaders("Location", "Retry-After")
                    .SetPreflightMaxAge(TimeSpan.FromHours(1));
            }
        }));
        return builder;
    }

    public static WebApplication UseGatewayProtection(this WebApplication app)
    {
        app.UseCors();
        app.UseRateLimiter();
        app.Use(RejectInvalidTokens);
        return app;
    }

    /// <summary>
    /// A request that presents a token the gateway cannot validate (expired, forged, from another
    /// issuer) is answered 401 here, before it costs a service anything. A request without a token
    /// goes on: what anonymous visitors may do is each service's decision. Signing in and refreshing
    /// are let through, since a client refreshing may still send its expired token.
    /// </summary>
    private static async Task RejectInvalidTokens(HttpContext context, RequestDelegate next)
    {
        string? authorization = context.Request.Headers.Authorization;
        var presented = authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
        if (!presented || context.User.Identity?.IsAuthenticated == true || IsSignIn(context.Request.Path))
        {
            await next(context);
            return;
        }
        context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
        await WriteProblemAsync(
            context,
            StatusCodes.Status401Unauthorized,
            "The access token is not valid.",
            "It is expired, altered or not issued by the club: refresh it or sign in again.");
    }

    /// <summary>The gateway's own answers are problem documents like the services' ones.</summary>
    private static async Task WriteProblemAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }

    private static bool IsSignIn(PathString path) =>
        path.StartsWithSegments("/api/members/auth", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/api/members/accounts", StringComparison.OrdinalIgnoreCase);

    /// <summary>A signed-in member is one client wherever they connect from; anyone else is their address.</summary>
    private static string ClientKey(HttpContext context) =>
        context.User.FindFirstValue("sub") is { } member
            ? "member:" + member
            : "address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    private static async ValueTask RejectAsync(
        HttpContext context, RateLimitLease lease, GatewayProtectionOptions options, CancellationToken cancellationToken)
    {
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : options.RateLimitWindow;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await WriteProblemAsync(context, StatusCodes.Status429TooManyRequests, "Too many requests.", $"Try again in {seconds} s.");
    }
}
