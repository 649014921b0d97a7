using System.Collections.Concurrent;
using System.Diagnostics;
using CircularPlatform.TestSupport;
using Microsoft.AspNetCore.Builder;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace CircularPlatform.ServiceDefaults.Tests;

/// <summary>
/// The spans an app's own tracer provider records, as its exporter would get them: what the
/// instrumentation named, tagged or filtered out.
/// </summary>
internal sealed class RecordedSpans : BaseProcessor<Activity>
{
    private readonly ConcurrentQueue<Activity> _ended = new();

    public IEnumerable<Activity> All => _ended;

    public void AddTo(WebApplicationBuilder builder) =>
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(this));

    public override void OnEnd(Activity data) => _ended.Enqueue(data);

    /// <summary>The span of the request to <paramref name="path"/>; it ends just after the response is written.</summary>
    public async Task<Activity> OfRequestToAsync(string path)
    {
        Activity? span = null;
        await Wait.UntilAsync(() => (span = _ended.FirstOrDefault(a => a.GetTagItem("url.path") as string == path)) is not null,
            $"a span of the request to {path} is recorded");
        return span!;
    }
}
