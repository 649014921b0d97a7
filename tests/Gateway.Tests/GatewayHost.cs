using System.Collections.Concurrent;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CircularPlatform.Gateway.Tests;

/// <summary>The real gateway in memory, given the services the way the AppHost gives them.</summary>
public static class GatewayHost
{
    public static WebApplicationFactory<Program> Start(IEnumerable<KeyValuePair<string, string>> settings, ILoggerProvider? logs = null)
    {
        // Read now: the host is built at the first request, when a test may have stopped a service already.
        var given = settings.ToList();
        return new GatewayFactory().WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in given)
            {
                builder.UseSetting(key, value);
            }
            if (logs is not null)
            {
                builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(logs));
            }
        });
    }

    /// <summary>Aspire's <c>services__&lt;name&gt;__http__N</c>, one per replica.</summary>
    public static IEnumerable<KeyValuePair<string, string>> References(string name, params FakeService[] replicas) =>
        replicas.Select((replica, index) => KeyValuePair.Create($"services:{name}:http:{index}", replica.Url));

    /// <summary>Waits for a condition the gateway reaches on its own time (health probes), never for a fixed time.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Still waiting after 60 s for {what}.");
            await Task.Delay(100);
        }
    }
}

/// <summary>
/// The gateway in memory, on MassTransit's in-memory harness in place of RabbitMQ, where it hears
/// Members' access revocations.
/// </summary>
public sealed class GatewayFactory : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("environment", "Testing");
        // Replaced by the in-memory harness; it only has to be present.
        builder.UseSetting("ConnectionStrings:messaging", "amqp://guest:guest@127.0.0.1:1/");
        builder.ConfigureTestServices(services => services.AddMassTransitTestHarness());
    }
}

/// <summary>Keeps what the gateway logged, for the tests that check what ops are told.</summary>
public sealed class RecordedLogs : ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, string Message)> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(RecordedLogs logs) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                logs.Lines.Enqueue((logLevel, formatter(state, exception)));
            }
        }
    }
}
