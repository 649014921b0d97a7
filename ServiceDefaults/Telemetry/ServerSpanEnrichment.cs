using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CircularPlatform.ServiceDefaults.Telemetry;

/// <summary>
/// On .NET 10 the ASP.NET Core server span is called <c>Microsoft.AspNetCore.Hosting.HttpRequestIn</c>
/// and carries no attributes unless the OpenTelemetry instrumentation package is used, which we do not
/// have. This names it like <c>POST /api/events</c> and adds the standard http.* and url.* attributes
/// (OpenTelemetry HTTP semantic conventions), so traces read the same as anywhere else.
/// </summary>
internal sealed class ServerSpanEnrichment(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var activity = Activity.Current;
        if (activity is null || activity.Kind != ActivityKind.Server)
        {
            await next(context);
            return;
        }

        var request = context.Request;
        activity.SetTag("http.request.method", request.Method);
        activity.SetTag("url.scheme", request.Scheme);
        activity.SetTag("url.path", request.Path.Value);
        if (request.QueryString.HasValue)
        {
            activity.SetTag("url.query", request.QueryString.Value!.TrimStart('?'));
        }
        activity.SetTag("server.address", request.Host.Host);
        if (request.Host.Port is { } port)
        {
            activity.SetTag("server.port", port);
        }
        activity.SetTag("network.protocol.version", request.Protocol.Replace("HTTP/", "", StringComparison.Ordinal));
        if (request.Headers.UserAgent.Count > 0)
        {
            activity.SetTag("user_agent.original", request.Headers.UserAgent.ToString());
        }
        if (context.Connection.RemoteIpAddress is { } client)
        {
            activity.SetTag("client.address", client.ToString());
        }

        try
        {
            await next(context);
        }
        finally
        {
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
            if (route is not null)
            {
                activity.SetTag("http.route", route);
            }
            activity.DisplayName = route is null ? request.Method : $"{request.Method} {route}";
            var status = context.Response.StatusCode;
            activity.SetTag("http.response.status_code", status);
            if (status >= 500)
            {
                activity.SetTag("error.type", status.ToString(System.Globalization.CultureInfo.InvariantCulture));
                activity.SetStatus(ActivityStatusCode.Error);
            }
        }
    }
}
