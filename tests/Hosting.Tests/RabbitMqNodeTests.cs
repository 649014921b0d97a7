using System.Diagnostics;
using CircularPlatform.Hosting;
using CircularPlatform.TestSupport;
using Xunit.Abstractions;

namespace CircularPlatform.Hosting.Tests;

public sealed class RabbitMqNodeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Node_answers_amqp_survives_stop_and_crash_on_the_same_port_and_leaves_nothing_behind()
    {
        using var folder = new TemporaryFolder("cp-rmq");
        var node = new RabbitMqNode(new RabbitMqNodeOptions { Directory = Path.Combine(folder.Path, "node") });
        int beam;
        try
        {
            var clock = Stopwatch.StartNew();
            await node.StartAsync();
            output.WriteLine($"first boot: {clock.Elapsed.TotalSeconds:F1} s");

            Assert.True(await AmqpProbe.AnswersAsync(node.AmqpPort));
            Assert.StartsWith($"amqp://{node.User}:{node.Password}@127.0.0.1:{node.AmqpPort}/", node.ConnectionString);
            beam = Assert.IsType<int>(node.BeamPid);
            Assert.Contains(beam, node.FindProcesses());
            Assert.Contains(node.FindProcesses(), pid => ProcFs.CommandLine(pid).Contains("epmd", StringComparison.Ordinal));

            clock.Restart();
            await node.StopAsync();
            output.WriteLine($"graceful stop: {clock.Elapsed.TotalSeconds:F1} s");
            Assert.False(node.IsRunning);
            Assert.False(ProcessTable.IsAlive(beam));
            Assert.False(await FreePorts.IsListeningAsync(node.AmqpPort));

            clock.Restart();
            await node.StartAsync();
            output.WriteLine($"second boot: {clock.Elapsed.TotalSeconds:F1} s");
            Assert.True(await AmqpProbe.AnswersAsync(node.AmqpPort));

            await node.KillAsync();
            Assert.False(node.IsRunning);
            Assert.False(await AmqpProbe.AnswersAsync(node.AmqpPort));

            await node.StartAsync();
            Assert.True(await AmqpProbe.AnswersAsync(node.AmqpPort));
        }
        finally
        {
            var clock = Stopwatch.StartNew();
            await node.DisposeAsync();
            output.WriteLine($"dispose: {clock.Elapsed.TotalSeconds:F1} s");
        }

        var left = await ProcessTable.WaitUntilNoneAsync("RABBITMQ_NODENAME", node.NodeName);
        Assert.Empty(left);
        Assert.Null(node.BeamPid);
    }
}
