using CircularPlatform.TestSupport;

namespace CircularPlatform.Hosting.Tests;

public sealed class FixtureTests
{
    [Fact]
    public async Task The_rabbitmq_fixture_gives_a_live_broker_and_takes_everything_away_afterwards()
    {
        var fixture = new RabbitMqFixture();
        await fixture.InitializeAsync();
        var node = fixture.Node;
        try
        {
            Assert.True(await AmqpProbe.AnswersAsync(node.AmqpPort));
            Assert.Equal(node.ConnectionString, fixture.ConnectionString);
            Assert.StartsWith("/tmp/", node.Directory, StringComparison.Ordinal);
        }
        finally
        {
            await fixture.DisposeAsync();
        }

        Assert.Empty(await ProcessTable.WaitUntilNoneAsync("RABBITMQ_NODENAME", node.NodeName));
        Assert.False(Directory.Exists(node.Directory));
    }

    [Fact]
    public void The_repository_layout_is_found_from_the_test_assembly()
    {
        Assert.True(File.Exists(Path.Combine(Repository.Root, "CircularPlatform.sln")));
        Assert.Contains(Repository.Configuration, (string[])["Debug", "Release"]);
        Assert.True(File.Exists(new HostingTestAppProject().TargetPath), new HostingTestAppProject().TargetPath);
    }
}
