using MassTransit;
using MassTransit.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CircularPlatform.TestSupport;

/// <summary>
/// The service in-process on its own SQLite file (or the PostgreSQL database given), with
/// MassTransit's in-memory harness in place of RabbitMQ so published and consumed messages can be seen.
/// </summary>
public class ServiceFactory<TProgram>(string? connectionName = null, string? connectionString = null)
    : WebApplicationFactory<TProgram> where TProgram : class
{
    private readonly string _dataFolder = Directory.CreateTempSubdirectory("circular-tests-").FullName;

    public ITestHarness Harness => Services.GetTestHarness();

    /// <summary>Configuration the service starts with, beside the test defaults.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>The environment the service runs in: Testing, or Development as the AppHost runs it.</summary>
    public string Environment { get; init; } = "Testing";

    /// <summary>
    /// A real broker's connection string: the service then talks to it as in production, inbox and
    /// retries included, instead of the in-memory harness (and <see cref="Harness"/> is not there).
    /// </summary>
    public string? Broker { get; init; }

    /// <summary>Replacements of the service's own registrations (a clock, say).</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.UseSetting("DataFolder", _dataFolder);
        // Without a real broker, replaced by the in-memory harness below; it only has to be present.
        builder.UseSetting("ConnectionStrings:messaging", Broker ?? "amqp://guest:guest@127.0.0.1:1/");
        if (connectionName is not null && connectionString is not null)
        {
            builder.UseSetting($"ConnectionStrings:{connectionName}", connectionString);
        }
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(services =>
        {
            if (Broker is null)
            {
                services.AddMassTransitTestHarness();
                // The harness's whole-test deadline (30 s by default) runs from the host's start: on
                // a busy machine a first host's start took longer, and the harness's Start then
                // failed at once on its spent token. A generous deadline only costs time when failing.
                services.AddOptions<TestHarnessOptions>().Configure(options => options.TestTimeout = TimeSpan.FromMinutes(5));
            }
            TestServices?.Invoke(services);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        Directory.Delete(_dataFolder, recursive: true);
    }
}
