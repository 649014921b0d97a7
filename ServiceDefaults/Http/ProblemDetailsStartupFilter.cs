using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace CircularPlatform.ServiceDefaults.Http;

/// <summary>
/// Exception handling and problem details for bare status codes (404 on an unknown path, 405, …)
/// come first in every pipeline, so every answer a client sees is a problem document.
/// </summary>
internal sealed class ProblemDetailsStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        next(app);
    };
}
