using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace CircularPlatform.ServiceDefaults.Http;

/// <summary>
/// What comes first in every pipeline: the answer's protective headers, exception handling and
/// problem details for bare status codes (404 on an unknown path, 405, …), so every answer a
/// client sees is a problem document; then the query string is checked, before anything reads it.
/// </summary>
internal sealed class HttpConventionsStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(static (context, next) =>
        {
            context.Response.OnStarting(static state => ProtectiveHeaders((HttpResponse)state), context.Response);
            return next(context);
        });
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<QueryTextGuard>();
        next(app);
    };

    /// <summary>
    /// A browser never guesses another type than the one declared (a JSON answer quoting a member's
    /// text is never run as a page), and no cache keeps an answer, which may hold personal data,
    /// unless its endpoint said otherwise (the signing keys may be cached for a minute).
    /// </summary>
    private static Task ProtectiveHeaders(HttpResponse response)
    {
        response.Headers.XContentTypeOptions = "nosniff";
        if (string.IsNullOrEmpty(response.Headers.CacheControl))
        {
            response.Headers.CacheControl = "no-store";
        }
        return Task.CompletedTask;
    }
}
