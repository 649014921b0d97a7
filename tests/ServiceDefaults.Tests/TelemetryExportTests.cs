using System.Collections.Concurrent;
using System.Text;
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
        var variables = new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Url,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = serviceName,
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            ["OTEL_BLRP_SCHEDULE_DELAY"] = "200",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
        };
        var previous = variables.ToDictionary(v => v.Key, v => Environment.GetEnvironmentVariable(v.Key));
        try
        {
            foreach (var (key, value) in variables)
            {
                Environment.SetEnvironmentVariable(key, value);
            }
            var app = await TestApp.StartAsync(a => a.MapGet("/api/ping", (ILogger<TelemetryExportTests> log) =>
            {
                log.LogInformation("ping answered");
                return Results.Ok();
            }));
            await app.GetTestClient().GetAsync("/api/ping");
            await Task.Delay(1500);
            await app.StopAsync();
            await app.DisposeAsync();
        }
        finally
        {
            foreach (var (key, value) in previous)
            {
                Environment.SetEnvironmentVariable(key, value);
            }
        }

        // Protobuf keeps strings as UTF-8, so the service name and span name can be found in the bytes.
        Assert.Contains(collector.Received, r => r.Path == "/v1/traces" && r.Text.Contains(serviceName) && r.Text.Contains("GET /api/ping"));
        Assert.Contains(collector.Received, r => r.Path == "/v1/logs" && r.Text.Contains(serviceName) && r.Text.Contains("ping answered"));
        Assert.Contains(collector.Received, r => r.Path == "/v1/metrics" && r.Text.Contains(serviceName) && r.Text.Contains("http.server.request.duration"));
    }

    private sealed class OtlpHttpCollector : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private OtlpHttpCollector(WebApplication app) => _app = app;

        public ConcurrentBag<(string Path, string Text)> Received { get; } = [];

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
