using CircularPlatform.Messaging.Outbox;
using CircularPlatform.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace CircularPlatform.Messaging.Tests;

/// <summary>A service reduced to its defaults and the messaging ops endpoints, on the in-memory test server.</summary>
internal static class OpsApp
{
    public static async Task<WebApplication> StartAsync(
        string connectionString,
        IReadOnlyList<string> consumerQueues,
        ITestOutputHelper output,
        OutboxStatus? outbox = null,
        TimeProvider? time = null,
        bool withOperations = true)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Configuration["ConnectionStrings:messaging"] = connectionString;
        builder.Configuration["Identity:Authority"] = (await SharedAuthority.GetAsync()).Url;
        builder.Logging.ClearProviders().AddProvider(new TestOutputLoggerProvider(output, LogLevel.Warning));
        builder.AddServiceDefaults();
        builder.Services.AddSingleton(new ConsumerQueues(consumerQueues));
        if (outbox is not null)
        {
            builder.Services.AddSingleton<IOutboxStatusSource>(new FixedOutboxStatus(outbox));
        }
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }
        if (withOperations)
        {
            builder.AddMessagingOperations();
        }

        var app = builder.Build();
        // As a service composes them: its default endpoints, then the messaging ops endpoints.
        app.MapDefaultEndpoints();
        app.MapMessagingOperations();
        await app.StartAsync();
        return app;
    }

    /// <summary>A client of the ops endpoints, as the club's administrator.</summary>
    public static HttpClient GetOpsClient(this WebApplication app)
    {
        var client = app.GetTestClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Bearer", SharedAuthority.AdminTokenAsync().GetAwaiter().GetResult());
        return client;
    }
}
