using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using CircularPlatform.TestSupport;
using Microsoft.AspNetCore.TestHost;
using Xunit.Abstractions;

namespace CircularPlatform.Messaging.Tests;

/// <summary>Stops its broker on purpose, so it has a node of its own.</summary>
public sealed class BrokerOutageTests(RabbitMqFixture broker, ITestOutputHelper output) : IClassFixture<RabbitMqFixture>
{
    [Fact]
    public async Task While_the_broker_is_down_the_status_says_so_replay_is_a_503_and_both_work_again_once_it_is_back()
    {
        await using (var client = await BrokerClient.ConnectAsync(broker.ConnectionString))
        {
            await client.DeclareAsync("x-svc-thing", "x-svc-thing_error");
            await client.PublishAsync("x-svc-thing_error", 4);
        }
        await using var app = await OpsApp.StartAsync(broker.ConnectionString, ["x-svc-thing"], output);
        var http = app.GetOpsClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/ops/messaging")).StatusCode);

        await broker.StopAsync();
        try
        {
            await AssertReportedUnreachableAsync(await http.GetAsync("/ops/messaging"));
            await AssertUnavailableAsync(await http.PostAsync("/ops/messaging/queues/x-svc-thing/replay-errors", null));
        }
        finally
        {
            await broker.StartAsync();
        }

        var status = await http.GetFromJsonAsync<JsonElement>("/ops/messaging");
        Assert.True(status.GetProperty("broker").GetProperty("reachable").GetBoolean());
        Assert.Equal(4, status.GetProperty("queues")[0].GetProperty("errorMessages").GetInt32());
    }

    [Fact]
    public async Task A_broker_that_was_never_reachable_is_reported_and_replay_is_a_503()
    {
        await using var app = await OpsApp.StartAsync($"amqp://guest:guest@127.0.0.1:{ClosedPort()}/", ["x-svc-thing"], output);

        await AssertReportedUnreachableAsync(await app.GetOpsClient().GetAsync("/ops/messaging"));
        await AssertUnavailableAsync(await app.GetOpsClient().PostAsync("/ops/messaging/queues/x-svc-thing/replay-errors", null));
    }

    private static async Task AssertReportedUnreachableAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var status = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(status.GetProperty("broker").GetProperty("reachable").GetBoolean());
        Assert.False(string.IsNullOrEmpty(status.GetProperty("broker").GetProperty("problem").GetString()));
        Assert.Equal(0, status.GetProperty("queues").GetArrayLength());
    }

    private static async Task AssertUnavailableAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.Contains("broker", problem.GetProperty("title").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A loopback port nothing listens on: taken from the system, then released.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
