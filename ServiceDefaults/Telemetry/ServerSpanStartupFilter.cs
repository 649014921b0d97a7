using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace CircularPlatform.ServiceDefaults.Telemetry;

/// <summary>Puts the span enrichment first in every pipeline, so no service has to remember it.</summary>
internal sealed class ServerSpanStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<ServerSpanEnrichment>();
        next(app);
    };
}
