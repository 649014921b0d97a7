using CircularPlatform.TestSupport;
using Xunit.Abstractions;

namespace CircularPlatform.Hosting.Tests;

public sealed class ServerResourceTests(ITestOutputHelper output) : IDisposable
{
    private readonly TemporaryFolder _folder = new("cp-srv");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Broker_and_database_start_before_their_consumers_and_stop_without_leftovers()
    {
        var builder = TestHost.CreateBuilder(output, _folder);
        var messaging = builder.AddRabbitMQ("messaging");
        var postgres = builder.AddPostgres("postgres");
        var eventsDb = postgres.AddDatabase("eventsdb");
        builder.AddExecutable("consumer", "/bin/sh", _folder.Path, "-c", "env > consumer.env.tmp; mv consumer.env.tmp consumer.env; exec sleep 300")
            .WithReference(messaging)
            .WithReference(eventsDb)
            .WaitFor(messaging)
            .WaitFor(eventsDb);
        await using var app = builder.Build();

        await app.StartAsync();

        var node = messaging.Resource.Node!;
        var cluster = postgres.Resource.Cluster!;
        Assert.StartsWith(Path.Combine(_folder.Path, "messaging"), node.Directory, StringComparison.Ordinal);
        Assert.True(await FreePorts.IsListeningAsync(node.ManagementPort!.Value));
        Assert.Equal("eventsdb", (await cluster.QueryAsync("SELECT datname FROM pg_database WHERE datname = 'eventsdb'")).Trim());
        Assert.Contains(node.ManagementUri!.ToString(), app.GetResource("messaging").Urls);

        await TestHost.WaitUntil(() => File.Exists(Path.Combine(_folder.Path, "consumer.env")), "the consumer wrote its environment");
        var environment = TestHost.ParseEnvironment(await File.ReadAllTextAsync(Path.Combine(_folder.Path, "consumer.env")));
        Assert.Equal(node.ConnectionString, environment["ConnectionStrings__messaging"]);
        Assert.Equal($"Host=127.0.0.1;Port={cluster.Port};Username=postgres;Database=eventsdb", environment["ConnectionStrings__eventsdb"]);

        var consumerStarted = app.GetResource("consumer").Replicas[0].StartedAt!.Value;
        Assert.True(consumerStarted >= app.GetResource("messaging").Replicas[0].StartedAt);

        await app.StopAsync();

        Assert.Empty(await ProcessTable.WaitUntilNoneAsync(DistributedApplication.RunMarkerVariable, app.RunId));
        Assert.Empty(node.FindProcesses());
        Assert.False(cluster.IsRunning);
    }

    [Fact]
    public async Task A_configured_broker_is_used_as_is_and_nothing_is_started()
    {
        const string external = "amqp://user:secret@broker.example:5672/club";
        var builder = TestHost.CreateBuilder(output, _folder, "--ConnectionStrings:messaging", external);
        var messaging = builder.AddRabbitMQ("messaging");
        await using var app = builder.Build();

        await app.StartAsync();

        Assert.Null(messaging.Resource.Node);
        Assert.Equal(external, messaging.Resource.ConnectionString);
        Assert.True(app.GetResource("messaging").IsHealthy);
        Assert.Empty(app.GetResource("messaging").Pids);
        Assert.False(Directory.Exists(Path.Combine(_folder.Path, "messaging")));
    }
}
