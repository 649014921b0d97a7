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
            _ => new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "An unexpected error occurred.",
                Detail = "The error was recorded; quote the trace id when reporting it.",
            },
        };

        if (problem.Status >= 500)
        {
            LogUnhandled(logger, exception, context.Request.Method, context.Request.Path);
        }

        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static HttpValidationProblemDetails InvalidJson(JsonException json)
    {
        var field = FieldName(json.Path);
        return new HttpValidationProblemDetails(new Dictionary<string, string[]>
        {
            [field] = [field.Length == 0 ? "The body is not valid JSON." : "The value is not valid for this field."],
        })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request body is not valid.",
        };
    }

    /// <summary><c>$.title.fr</c> becomes <c>title.fr</c>, the way the client wrote it.</summary>
    private static string FieldName(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? string.Empty : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error answering {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}
