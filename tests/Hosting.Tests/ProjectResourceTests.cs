using CircularPlatform.TestSupport;
using Xunit.Abstractions;

namespace CircularPlatform.Hosting.Tests;

public sealed class ProjectResourceTests(ITestOutputHelper output) : IDisposable
{
    private readonly TemporaryFolder _folder = new("cp-proj");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Replicated_projects_get_their_own_ports_are_discoverable_recover_from_a_crash_and_stop_gracefully()
    {
        var builder = TestHost.CreateBuilder(output, _folder);
        var api = builder.AddProject<HostingTestAppProject>("api").WithReplicas(2).WithHttpHealthCheck();
        var front = builder.AddProject("front", new HostingTestAppProject().TargetPath).WithReference(api).WaitFor(api).WithHttpHealthCheck();
        // As the AppHost names Members the token authority for everyone, Members included.
        front.WithEnvironment("AUTHORITY", api.GetEndpoint("http")).WithEnvironment("SELF", front.GetEndpoint());
        await using var app = builder.Build();

        await app.StartAsync();

        var apiUrls = app.GetResource("api").Urls;
        Assert.Equal(new Uri(apiUrls[0]), app.GetEndpoint("api"));
        for (var i = 0; i < 2; i++)
        {
            var environment = await EnvironmentOf(apiUrls[i]);
            Assert.Equal(apiUrls[i], environment["ASPNETCORE_URLS"]);
            Assert.Equal($"service.instance.id=api-{i}", environment["OTEL_RESOURCE_ATTRIBUTES"]);
            Assert.Equal("Development", environment["ASPNETCORE_ENVIRONMENT"]);
        }
        var frontEnvironment = await EnvironmentOf(app.GetEndpoint("front").ToString());
        Assert.Equal(apiUrls[0], frontEnvironment["services__api__http__0"]);
        Assert.Equal(apiUrls[1], frontEnvironment["services__api__http__1"]);
        Assert.Equal(apiUrls[0].TrimEnd('/'), frontEnvironment["AUTHORITY"]);
        Assert.Equal(app.GetEndpoint("front").ToString().TrimEnd('/'), frontEnvironment["SELF"]);
        Assert.Throws<InvalidOperationException>(() => api.GetEndpoint("https"));
        Assert.Contains(app.GetConsoleLogs("api-1"), line => line.Contains("test app started", StringComparison.Ordinal));

        var crashed = app.GetResource("api").Replicas[1].Pid!.Value;
        Assert.True(Posix.Signal(crashed, Posix.SigKill));
        await TestHost.WaitUntil(() => app.GetResource("api").Replicas[1] is { RestartCount: 1, State: ResourceState.Running }, "api-1 is back");
        var restarted = int.Parse(await TestHost.Http.GetStringAsync(apiUrls[1] + "/pid"));
        Assert.NotEqual(crashed, restarted);
        Assert.Equal(restarted, app.GetResource("api").Replicas[1].Pid);

        await app.StopAsync();

        // ASP.NET Core ends with 0 on SIGTERM: they were asked, not killed.
        Assert.All(app.Resources.SelectMany(r => r.Replicas), replica => Assert.Equal(0, replica.ExitCode));
        Assert.Empty(await ProcessTable.WaitUntilNoneAsync(DistributedApplication.RunMarkerVariable, app.RunId));
    }

    [Fact]
    public async Task A_failing_health_check_marks_the_project_unhealthy_until_it_recovers()
    {
        var builder = TestHost.CreateBuilder(output, _folder);
        builder.AddProject<HostingTestAppProject>("web").WithHttpHealthCheck("/health");
        await using var app = builder.Build();
        await app.StartAsync();

        var flag = Path.Combine(_folder.Path, "unhealthy-web");
        await File.WriteAllTextAsync(flag, "");
        await TestHost.WaitUntil(() => app.GetResource("web") is { State: ResourceState.Unhealthy, Health: ResourceHealth.Unhealthy }, "web is unhealthy");
        File.Delete(flag);
        await app.WaitForResourceHealthyAsync("web").WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(0, app.GetResource("web").RestartCount);
    }

    [Fact]
    public async Task A_project_that_is_not_built_fails_to_start()
    {
        var builder = TestHost.CreateBuilder(output, _folder);
        builder.AddProject("ghost", Path.Combine(_folder.Path, "Ghost.dll"));
        await using var app = builder.Build();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync());
        Assert.Contains("Ghost.dll", error.Message, StringComparison.Ordinal);
    }

    private static async Task<Dictionary<string, string>> EnvironmentOf(string url) =>
        TestHost.ParseEnvironment(await TestHost.Http.GetStringAsync(url.TrimEnd('/') + "/env"));
}
