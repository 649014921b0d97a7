using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CircularPlatform.Gateway.Tests;

/// <summary>
/// A real HTTP server on a loopback port standing in for one service behind the gateway. Like a
/// service, it serves <c>/health</c> and an OpenAPI document at <c>/openapi/v1.json</c> that
/// describes one public endpoint and one ops endpoint the gateway does not expose.
/// </summary>
public sealed class FakeService : IAsyncDisposable
{
    private readonly WebApplication _app;
    private bool _stopped;

    private FakeService(WebApplication app, string name)
    {
        _app = app;
        Name = name;
    }

    public string Name { get; }

    public string Url => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    public ConcurrentQueue<ReceivedRequest> Received { get; } = new();

    public static async Task<FakeService> StartAsync(string name)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddOpenApi();
        var app = builder.Build();
        var service = new FakeService(app, name);
        app.MapGet("/health", () => Results.Ok()).ExcludeFromDescription();
        app.MapOpenApi();
        app.MapGet($"/api/{name}/catalogue", (HttpContext context) =>
            {
                service.Record(context);
                return TypedResults.Ok(new CatalogueEntry(name, 1));
            })
            .WithName($"{name}-catalogue")
            .WithSummary($"The {name} catalogue.");
        app.MapGet("/ops/queues", () => Results.Ok()).WithName($"{name}-queues");
        app.Map("/api/{**rest}", (HttpContext context) =>
        {
            service.Record(context);
            return Results.Text($"{name}:{context.Request.Method} {context.Request.Path}{context.Request.QueryString}");
        }).ExcludeFromDescription();
        await app.StartAsync();
        return service;
    }

    /// <summary>Stops the service; a test may do so early to see the gateway cope with a replica gone.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _app.DisposeAsync();
        }
    }

    private void Record(HttpContext context) => Received.Enqueue(new ReceivedRequest(
        context.Request.Path + context.Request.QueryString,
        context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));

    public sealed record CatalogueEntry(string Service, int Count);
}

public sealed record ReceivedRequest(string PathAndQuery, IReadOnlyDictionary<string, string> Headers)
{
    public string? TraceParent => Header("traceparent");

    public string? Authorization => Header("Authorization");

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
