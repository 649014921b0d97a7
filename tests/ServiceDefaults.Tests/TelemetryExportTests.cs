using System.Collections.Concurrent;
using System.Text;
using CircularPlatform.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CircularPlatform.ServiceDefaults.Tests;

/// <summary>The OTLP exporter reads its endpoint from the process environment, so these run alone.</summary>
[CollectionDefinition(nameof(ProcessEnvironment), DisableParallelization = true)]
public sealed class ProcessEnvironment;

[Collection(nameof(ProcessEnvironment))]
public sealed class TelemetryExportTests
{
    [Fact]
    public async Task Traces_metrics_and_logs_leave_the_process_over_otlp_with_the_service_name()
    {
        await using var collector = await OtlpHttpCollector.StartAsync();
        var serviceName = "probe-" + Guid.NewGuid().ToString("N")[..8];

        await RunPingedAsync(new()
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Url,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = serviceName,
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            ["OTEL_BLRP_SCHEDULE_DELAY"] = "200",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
        }, async () =>
        {
            // Protobuf keeps strings as UTF-8, so the service name and span name can be found in the bytes.
            await Wait.UntilAsync(() => collector.Got("/v1/traces", serviceName, "GET /api/ping"), "the request's span is exported");
            await Wait.UntilAsync(() => collector.Got("/v1/logs", serviceName, "ping answered"), "the log record is exported");
            await Wait.UntilAsync(() => collector.Got("/v1/metrics", serviceName, "http.server.request.duration"), "the request duration is exported");
        });
    }

    [Fact]
    public async Task Without_an_otlp_endpoint_nothing_leaves_the_process()
    {
        await using var collector = await OtlpHttpCollector.StartAsync();

        // Each signal's own endpoint alone is not enough: only OTEL_EXPORTER_OTLP_ENDPOINT, as the AppHost sets it, turns export on.
        await RunPingedAsync(new()
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = null,
            ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"] = collector.Url + "/v1/traces",
            ["OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"] = collector.Url + "/v1/metrics",
            ["OTEL_EXPORTER_OTLP_LOGS_ENDPOINT"] = collector.Url + "/v1/logs",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        }, () => Task.CompletedTask);

        // Stopping the app flushed every exporter it had.
        Assert.Empty(collector.Received);
    }

    /// <summary>Runs an app in <paramref name="environment"/>, calls it once, and stops it after <paramref name="whileRunning"/>.</summary>
    private static async Task RunPingedAsync(Dictionary<string, string?> environment, Func<Task> whileRunning)
    {
        var previous = environment.ToDictionary(v => v.Key, v => Environment.GetEnvironmentVariable(v.Key));
        try
        {
            foreach (var (key, value) in environment)
            {
                Environment.SetEnvironmentVariable(key, value);
            }
            await using var app = await TestApp.StartAsync(a => a.MapGet("/api/ping", (ILogger<TelemetryExportTests> log) =>
            {
                log.LogInformation("ping answered");
                return Results.Ok();
            }));
            (await app.GetTestClient().GetAsync("/api/ping")).EnsureSuccessStatusCode();
            await whileRunning();
            await app.StopAsync();
        }
        finally
        {
            foreach (var (key, value) in previous)
            {
                Environment.SetEnvironmentVariable(key, value);
            }
        }
    }

    private sealed class OtlpHttpCollector : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private OtlpHttpCollector(WebApplication app) => _app = app;

        public ConcurrentBag<(string Path, string Text)> Received { get; } = [];

        public bool Got(string path, params string[] texts) =>
            Received.Any(r => r.Path == path && texts.All(t => r.Text.Contains(t, StringComparison.Ordinal)));

        public string Url => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        public static async Task<OtlpHttpCollector> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var collector = new OtlpHttpCollector(app);
            app.MapPost("/v1/{signal}", async (HttpContext context) =>
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body);
                collector.Received.Add((context.Request.Path, Encoding.UTF8.GetString(body.ToArray())));
                context.Response.ContentType = "application/x-protobuf";
            });
            await app.StartAsync();
            return collector;
        }

        public ValueTask DisposeAsync() => _app.DisposeAsync();
    }
}
