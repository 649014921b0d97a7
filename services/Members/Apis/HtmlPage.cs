using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Http.Metadata;

namespace CircularPlatform.Members.Apis;

/// <summary>
/// A small self-contained page for a person who followed a link from a mail. It loads nothing
/// else, may post its forms only here, is framed by no one, is kept by no cache and sends no
/// Referer, since its address carries a single-use token.
/// </summary>
public sealed class HtmlPage(string html, int statusCode = StatusCodes.Status200OK)
    : IResult, IStatusCodeHttpResult, IContentTypeHttpResult, IEndpointMetadataProvider
{
    private const string ContentTypeValue = "text/html; charset=utf-8";

    public string Html => html;
    public int? StatusCode => statusCode;
    public string ContentType => ContentTypeValue;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = ContentTypeValue;
        response.Headers.CacheControl = "no-store";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.ContentSecurityPolicy =
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        await response.WriteAsync(html, Encoding.UTF8, httpContext.RequestAborted);
    }

    /// <summary>Whether the caller is a browser, which is answered with pages rather than JSON.</summary>
    public static bool Wanted(HttpContext http) =>
        http.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(string), ["text/html"]));
}
