using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using CircularPlatform.TestSupport;
using RabbitMQ.Client;

namespace CircularPlatform.AppHost.Tests;

/// <summary>One node with its management plugin, on real processes, for the whole class; the last step disposes it.</summary>
public sealed class RabbitMQNodeFixture : IAsyncLifetime
{
    public const string Name = "messaging";
    private readonly TemporaryFolder _folder = new("cp-rmq");
    private TestAppModel? _model;
    private bool _disposed;

    public string NodeFolder => Path.Combine(_folder.Path, "node");

    public TestAppModel Model => _model ?? throw new InvalidOperationException("The node did not start.");

    public string ConnectionString { get; private set; } = "";

    /// <summary>The node's name, user and password, as the AppHost keeps them in the node's folder.</summary>
    public (string NodeName, string User, string Password) Identity { get; private set; }

    public async Task InitializeAsync()
    {
        var builder = TestAppModel.CreateBuilder();
        builder.AddRabbitMQNode(Name, NodeFolder).WithManagementPlugin();
        _model = await TestAppModel.StartAsync(builder, Name);
        ConnectionString = await _model.ConnectionStringAsync(Name);
        using var identity = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(NodeFolder, "node.json")));
        Identity = (identity.RootElement.GetProperty("NodeName").GetString()!, identity.RootElement.GetProperty("User").GetString()!, identity.RootElement.GetProperty("Password").GetString()!);
    }

    /// <summary>Disposes the app model, as the AppHost's end does; once.</summary>
    public async Task DisposeModelAsync()
    {
        if (_model is not null && !_disposed)
        {
            _disposed = true;
            await _model.DisposeAsync();
        }
    }

    public async Task DisposeAsync()
    {
        try
        {
            await DisposeModelAsync();
        }
        finally
        {
            _folder.Dispose();
        }
    }
}

[TestCaseOrderer(StepOrderer.TypeName, StepOrderer.AssemblyName)]
public sealed class RabbitMQNodeTests(RabbitMQNodeFixture node) : IClassFixture<RabbitMQNodeFixture>
{
    private const string Name = RabbitMQNodeFixture.Name;

    [Fact, Step(1)]
    public async Task The_connection_string_logs_in_as_the_nodes_own_user()
    {
        var uri = new Uri(node.ConnectionString);
        Assert.Equal("127.0.0.1", uri.Host);
        Assert.StartsWith(node.Identity.User + ":", uri.UserInfo, StringComparison.Ordinal);

        await using var connection = await ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();
        var queue = await channel.QueueDeclareAsync(exclusive: true);
        await channel.BasicPublishAsync("", queue.QueueName, Encoding.UTF8.GetBytes("bonjour"));
        var got = await channel.BasicGetAsync(queue.QueueName, autoAck: true);
        Assert.Equal("bonjour", Encoding.UTF8.GetString(Assert.IsType<BasicGetResult>(got).Body.Span));
    }

    [Fact, Step(2)]
    public async Task The_node_is_isolated_in_its_folder_on_ports_below_the_ephemeral_range()
    {
        var beam = Assert.Single(NodeProcesses(), p => p.CommandLine.Contains("beam.smp", StringComparison.Ordinal));
        var environment = Machine.EnvironmentOf(beam.Pid);

        Assert.StartsWith(node.NodeFolder + "/", environment["HOME"], StringComparison.Ordinal);
        Assert.StartsWith(node.NodeFolder + "/", environment["RABBITMQ_CONFIG_FILE"], StringComparison.Ordinal);
        Assert.StartsWith(node.NodeFolder + "/", environment["RABBITMQ_MNESIA_BASE"], StringComparison.Ordinal);
        Assert.Equal("127.0.0.1", environment["RABBITMQ_NODE_IP_ADDRESS"]);
        Assert.Equal(new Uri(node.ConnectionString).Port.ToString(CultureInfo.InvariantCulture), environment["RABBITMQ_NODE_PORT"]);
        var ephemeral = Machine.FirstEphemeralPort();
        foreach (var variable in new[] { "RABBITMQ_NODE_PORT", "RABBITMQ_DIST_PORT", "ERL_EPMD_PORT" })
        {
            var port = int.Parse(environment[variable], CultureInfo.InvariantCulture);
            Assert.True(port < ephemeral, $"{variable}={port} is not below the ephemeral range, which starts at {ephemeral}");
            Assert.True(await FreePorts.IsListeningAsync(port), $"nothing listens on {variable}={port}");
        }

        // The node's epmd is the foreground resource shown under it, not a daemon it started itself.
        var epmd = Assert.IsType<int>(node.Model.Pid(Assert.Single(node.Model.ReplicaIds($"{Name}-epmd"))));
        Assert.Matches($@"(^|/)epmd -port {environment["ERL_EPMD_PORT"]} -address 127\.0\.0\.1$", CommandLine(epmd));
        Assert.DoesNotContain(NodeProcesses(), p => p.CommandLine.Split(' ')[0].EndsWith("epmd", StringComparison.Ordinal));
    }

    [Fact, Step(3)]
    public async Task The_management_plugin_is_the_resources_url_and_answers()
    {
        using var timeout = new CancellationTokenSource(TestAppModel.StartTimeout);
        var shown = await node.Model.App.ResourceNotifications.WaitForResourceAsync(Name, e => e.Snapshot.Urls.Any(u => u.Name == "management"), timeout.Token);
        var url = new Uri(shown.Snapshot.Urls.First(u => u.Name == "management").Url);
        Assert.True(url.IsLoopback, $"the management UI is shown at {url}, not on loopback");
        Assert.True(url.Port < Machine.FirstEphemeralPort(), $"the management port {url.Port} is in the ephemeral range");

        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{node.Identity.User}:{node.Identity.Password}")));
        string? overview = null;
        await Wait.UntilAsync(async () =>
        {
            try
            {
                using var response = await http.GetAsync("/api/overview");
                overview = response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsStringAsync() : null;
            }
            catch (HttpRequestException)
            {
                // The plugin's listener comes up shortly after the node takes AMQP logins.
            }
            return overview is not null;
        }, $"the management API at {url} answers", TimeSpan.FromSeconds(60));
        using var document = JsonDocument.Parse(overview!);
        Assert.Equal(node.Identity.NodeName, document.RootElement.GetProperty("node").GetString());
    }

    [Fact, Step(4)]
    public async Task Stop_and_start_from_the_dashboard_keep_a_durable_queue_and_its_messages()
    {
        var queue = $"durable-{Guid.NewGuid():N}";
        await using (var connection = await ConnectAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
            await channel.BasicPublishAsync("", queue, mandatory: false, new BasicProperties { Persistent = true }, Encoding.UTF8.GetBytes("kept"));
        }

        await node.Model.CommandAsync(Name, KnownResourceCommands.StopCommand);
        var left = await ProcessTable.WaitUntilNoneAsync("RABBITMQ_NODENAME", node.Identity.NodeName, TimeSpan.FromSeconds(30));
        Assert.True(left.Count == 0, "stopped, the node left: " + string.Join("; ", left.Select(p => $"{p.Pid} {p.CommandLine}")));
        await node.Model.CommandAsync(Name, KnownResourceCommands.StartCommand);

        await using (var connection = await ConnectAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            var declared = await channel.QueueDeclarePassiveAsync(queue);
            Assert.Equal(1u, declared.MessageCount);
            var got = await channel.BasicGetAsync(queue, autoAck: true);
            Assert.Equal("kept", Encoding.UTF8.GetString(Assert.IsType<BasicGetResult>(got).Body.Span));
        }
    }

    [Fact, Step(5)]
    public async Task Once_the_app_model_is_disposed_no_process_or_port_of_the_node_is_left()
    {
        var beam = Assert.Single(NodeProcesses(), p => p.CommandLine.Contains("beam.smp", StringComparison.Ordinal));
        var environment = Machine.EnvironmentOf(beam.Pid);
        int[] ports = [int.Parse(environment["ERL_EPMD_PORT"], CultureInfo.InvariantCulture), new Uri(node.ConnectionString).Port, int.Parse(environment["RABBITMQ_DIST_PORT"], CultureInfo.InvariantCulture)];
        var epmd = Assert.IsType<int>(node.Model.Pid(Assert.Single(node.Model.ReplicaIds($"{Name}-epmd"))));

        await node.DisposeModelAsync();

        var left = await ProcessTable.WaitUntilNoneAsync("RABBITMQ_NODENAME", node.Identity.NodeName, TimeSpan.FromSeconds(30));
        Assert.True(left.Count == 0, "left behind: " + string.Join("; ", left.Select(p => $"{p.Pid} {p.CommandLine}")));
        await Wait.UntilAsync(() => !ProcessTable.IsAlive(epmd), $"the node's epmd ({epmd}) has exited", TimeSpan.FromSeconds(30));
        foreach (var port in ports)
        {
            await Wait.UntilAsync(async () => !await FreePorts.IsListeningAsync(port), $"nothing listens on {port} any more", TimeSpan.FromSeconds(30));
        }
    }

    private async Task<IConnection> ConnectAsync() =>
        await new ConnectionFactory { Uri = new Uri(node.ConnectionString), AutomaticRecoveryEnabled = false }.CreateConnectionAsync();

    private IReadOnlyList<ProcessEntry> NodeProcesses() => ProcessTable.WithEnvironmentMarker("RABBITMQ_NODENAME", node.Identity.NodeName);

    private static string CommandLine(int pid) => File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
}
