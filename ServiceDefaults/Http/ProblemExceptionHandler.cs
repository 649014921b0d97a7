using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CircularPlatform.ServiceDefaults.Http;

/// <summary>
/// Turns what escaped an endpoint into a problem document. Malformed input is the client's to fix
/// and names the field; a concurrency clash is a 409; anything else is logged and answered with a
/// generic 500 that shows no internals.
/// </summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
            return true;
        }

        ProblemDetails problem = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } => InvalidJson(json),
            BadHttpRequestException bad when UnboundParameter().Match(bad.Message) is { Success: true } unbound => InvalidParameter(unbound),
            BadHttpRequestException bad => new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The request body is too large." : "The request is not valid.",
                Detail = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? null : bad.Message,
            },
            DbUpdateConcurrencyException => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "The resource was changed by someone else.",
                Detail = "Reload it and apply your change again.",
            },
            _ => Unexpected(),
        };

        if (problem.Status >= 500)
        {
            LogUnhandled(logger, exception, context.Request.Method, context.Request.Path);
        }

        context.Response.StatusCode = problem.Status!.Value;
        var document = new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception };
        if (!await problems.TryWriteAsync(document))
        {
            // The client accepts no JSON; it still gets the document rather than a bare status.
            Customize(document);
            await WriteAsync(context, problem);
        }
        return true;
    }

    /// <summary>What every problem document carries: where it happened and the trace to quote.</summary>
    public static void Customize(ProblemDetailsContext context)
    {
        context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
        context.ProblemDetails.Extensions["traceId"] = Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
    }

    internal static Task WriteUnexpectedAsync(HttpContext context)
    {
        var problem = Unexpected();
        context.Response.StatusCode = problem.Status!.Value;
        Customize(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
        return WriteAsync(context, problem);
    }

    private static Task WriteAsync(HttpContext context, ProblemDetails problem) =>
        context.Response.WriteAsJsonAsync(problem, problem.GetType(), options: null, contentType: "application/problem+json");

    private static ProblemDetails Unexpected() => new()
    {
        Status = StatusCodes.Status500InternalServerError,
        Title = "An unexpected error occurred.",
        Detail = "The error was recorded; quote the trace id when reporting it.",
    };

    private static HttpValidationProblemDetails InvalidJson(JsonException json)
    {
        var field = FieldName(json.Path);
        return new HttpValidationProblemDetails(new Dictionary<string, string[]>
        {
            [field] = [json is RefusedTextException refused ? refused.Reason
                : field.Length == 0 ? "The body is not valid JSON." : "The value is not valid for this field."],
        })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request body is not valid.",
        };
    }

    /// <summary>
    /// A query, route or header value that does not convert (<c>?page=abc</c>, a number beyond
    /// its type): named as the client wrote it, without the parameter's .NET type.
    /// </summary>
    private static HttpValidationProblemDetails InvalidParameter(System.Text.RegularExpressions.Match unbound)
    {
        var name = unbound.Groups["name"].Value;
        var field = char.ToLowerInvariant(name[0]) + name[1..];
        var reason = unbound.Groups["kind"].Value == "Required" ? "This value is required." : "The value is not valid for this field.";
        return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [reason] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request is not valid.",
        };
    }

    // ASP.NET Core's messages: 'Failed to bind parameter "int? Page" from "abc".' and
    // 'Required parameter "string q" was not provided from query string.'
    [System.Text.RegularExpressions.GeneratedRegex("""^(?<kind>Failed to bind|Required) parameter "[^"]*?(?<name>\w+)" """)]
    private static partial System.Text.RegularExpressions.Regex UnboundParameter();

    /// <summary><c>$.title.fr</c> becomes <c>title.fr</c>, the way the client wrote it.</summary>
    private static string FieldName(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? string.Empty : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error answering {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}
