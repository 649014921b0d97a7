using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CircularPlatform.ServiceDefaults.Tests;

public sealed class LoggingDefaultsTests
{
    private const string RequestCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";
    private const string SqlCategory = "Microsoft.EntityFrameworkCore.Database.Command";

    [Fact]
    public async Task A_request_and_its_sql_are_not_logged_at_information_but_the_services_own_lines_are()
    {
        var captured = new CapturedLines();
        await using var app = await StartAsync(captured, args: []);

        (await app.GetTestClient().GetAsync("/api/ping")).EnsureSuccessStatusCode();

        Assert.Contains(captured.Lines, line => line.Message == "ping answered");
        Assert.DoesNotContain(captured.Lines, line => line.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        var factory = app.Services.GetRequiredService<ILoggerFactory>();
        Assert.False(factory.CreateLogger(SqlCategory).IsEnabled(LogLevel.Information));
        Assert.True(factory.CreateLogger(SqlCategory).IsEnabled(LogLevel.Warning));
        Assert.True(factory.CreateLogger("Microsoft.EntityFrameworkCore.Migrations").IsEnabled(LogLevel.Information));
        // The gateway's two lines per proxied request, and a factory client's four per outgoing one.
        Assert.False(factory.CreateLogger("Yarp.ReverseProxy.Forwarder.HttpForwarder").IsEnabled(LogLevel.Information));
        Assert.True(factory.CreateLogger("Yarp.ReverseProxy.Forwarder.HttpForwarder").IsEnabled(LogLevel.Warning));
        Assert.True(factory.CreateLogger("Yarp.ReverseProxy.Health.ActiveHealthCheckMonitor").IsEnabled(LogLevel.Information));
        Assert.False(factory.CreateLogger("System.Net.Http.HttpClient.revocations.LogicalHandler").IsEnabled(LogLevel.Information));
    }

    [Fact]
    public async Task Any_configuration_overrides_the_defaults_even_one_read_before_them()
    {
        // The command line is read when the builder is created, before AddServiceDefaults runs.
        var captured = new CapturedLines();
        await using var app = await StartAsync(captured,
            args: ["--Logging:LogLevel:Microsoft.AspNetCore=Information", $"--Logging:LogLevel:{SqlCategory}=Information"]);

        (await app.GetTestClient().GetAsync("/api/ping")).EnsureSuccessStatusCode();

        Assert.Contains(captured.Lines, line => line.Category == RequestCategory && line.Level == LogLevel.Information);
        Assert.True(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(SqlCategory).IsEnabled(LogLevel.Information));
    }

    private static async Task<WebApplication> StartAsync(CapturedLines captured, string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing", Args = args });
        builder.WebHost.UseTestServer();
        builder.AddServiceDefaults();
        builder.Logging.AddProvider(captured);
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGet("/api/ping", (ILogger<LoggingDefaultsTests> log) =>
        {
            log.LogInformation("ping answered");
            return Results.Ok();
        });
        await app.StartAsync();
        return app;
    }

    private sealed record Line(string Category, LogLevel Level, string Message);

    private sealed class CapturedLines : ILoggerProvider
    {
        private readonly ConcurrentQueue<Line> _lines = new();

        public IReadOnlyCollection<Line> Lines => _lines;

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturedLines owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner._lines.Enqueue(new Line(category, logLevel, formatter(state, exception)));
        }
    }
}
