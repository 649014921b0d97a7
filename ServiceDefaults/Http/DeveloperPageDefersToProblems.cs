using Microsoft.AspNetCore.Diagnostics;

namespace CircularPlatform.ServiceDefaults.Http;

/// <summary>
/// In Development ASP.NET Core puts its developer exception page in front of every pipeline, so it
/// would answer before the platform's handler: a stack trace, the service's address and every
/// request header (the caller's Authorization included), and a 500 where a concurrency clash is a
/// 409. The page's own extension point hands every exception to the platform's handler instead,
/// so the answers are the same problem documents in every environment.
/// </summary>
internal sealed class DeveloperPageDefersToProblems(IEnumerable<IExceptionHandler> handlers) : IDeveloperPageExceptionFilter
{
    public async Task HandleExceptionAsync(ErrorContext errorContext, Func<ErrorContext, Task> next)
    {
        var context = errorContext.HttpContext;
        foreach (var handler in handlers)
        {
            if (await handler.TryHandleAsync(context, errorContext.Exception, context.RequestAborted))
            {
                return;
            }
        }
        // Never the page itself: whatever no handler took is an unexpected error without details.
        await ProblemExceptionHandler.WriteUnexpectedAsync(context);
    }
}
