using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CircularPlatform.Gateway.Tests;

/// <summary>A real HTTP server on a loopback port standing in for one service behind the gateway.</summary>
public sealed class FakeService : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeService(WebApplication app, string name)
    {
        _app = app;
        Name = name;
    }

    public string Name { get; }

    public string Url => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    public ConcurrentQueue<(string PathAndQuery, string? TraceParent, string? Authorization)> Received { get; } = new();

    public static async Task<FakeService> StartAsync(string name)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var service = new FakeService(app, name);
        app.MapGet("/health", () => Results.Ok());
        app.Map("/api/{**rest}", (HttpContext context) =>
        {
            service.Received.Enqueue((context.Request.Path + context.Request.QueryString, context.Request.Headers.TraceParent.FirstOrDefault(), context.Request.Headers.Authorization.FirstOrDefault()));
            return Results.Text($"{name}:{context.Request.Method} {context.Request.Path}{context.Request.QueryString}");
        });
        await app.StartAsync();
        return service;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
