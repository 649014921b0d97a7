using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace CircularPlatform.Gateway.Tests;

public sealed class GatewayRoutingTests : IAsyncLifetime
{
    private readonly Dictionary<string, FakeService[]> _services = [];
    private readonly RecordedLogs _logs = new();
    private WebApplicationFactory<Program> _gateway = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        // Events runs two replicas. Repairs is a service the gateway's code never names: it is
        // routed because configuration gives it. Notifications is given an https endpoint only,
        // which the gateway does not use.
        _services["members"] = [await FakeService.StartAsync("members")];
        _services["events"] = [await FakeService.StartAsync("events"), await FakeService.StartAsync("events")];
        _services["knowledge"] = [await FakeService.StartAsync("knowledge")];
        _services["repairs"] = [await FakeService.StartAsync("repairs")];
        var settings = _services.SelectMany(service => GatewayHost.References(service.Key, service.Value))
            .Append(KeyValuePair.Create("services:notifications:https:0", "https://127.0.0.1:9"));
        _gateway = GatewayHost.Start(settings, _logs);
        _client = _gateway.CreateClient();
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        foreach (var replica in _services.Values.SelectMany(replicas => replicas))
        {
            await replica.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("/api/members/themes", "members:GET /api/members/themes")]
    [InlineData("/api/events?theme=water&page=2", "events:GET /api/events?theme=water&page=2")]
    [InlineData("/api/events/0198e1f0-0000-7000-8000-000000000001", "events:GET /api/events/0198e1f0-0000-7000-8000-000000000001")]
    [InlineData("/api/knowledge/articles?lang=en", "knowledge:GET /api/knowledge/articles?lang=en")]
    [InlineData("/api/repairs/workshops?municipality=Lens", "repairs:GET /api/repairs/workshops?municipality=Lens")]
    public async Task Each_api_prefix_goes_to_its_service_with_path_and_query_unchanged(string url, string answer)
    {
        var response = await _client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(answer, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Writes_are_forwarded_too()
    {
        var response = await _client.PostAsync("/api/events", new StringContent("{}"));

        Assert.Equal("events:POST /api/events", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_trace_continues_into_the_service()
    {
        var traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/members/municipalities");
        request.Headers.Add("traceparent", $"00-{traceId}-00f067aa0ba902b7-01");

        await _client.SendAsync(request);

        var received = Received("members").Last(r => r.PathAndQuery == "/api/members/municipalities");
        Assert.NotNull(received.TraceParent);
        Assert.Equal(traceId, received.TraceParent!.Split('-')[1]);
    }

    [Fact]
    public async Task The_service_learns_the_public_host_and_scheme_the_client_used()
    {
        await _client.GetAsync("/api/knowledge/articles");

        var received = Assert.Single(Received("knowledge"));
        Assert.Equal("localhost", received.Header("X-Forwarded-Host"));
        Assert.Equal("http", received.Header("X-Forwarded-Proto"));
        Assert.Equal(new Uri(_services["knowledge"][0].Url).Authority, received.Header("Host"));
    }

    [Fact]
    public async Task Requests_are_shared_between_the_replicas_of_a_service()
    {
        for (var sent = 0; sent < 100 && _services["events"].Any(replica => replica.Received.IsEmpty); sent++)
        {
            Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync($"/api/events/{sent}")).StatusCode);
        }

        Assert.All(_services["events"], replica => Assert.NotEmpty(replica.Received));
    }

    [Fact]
    public async Task A_replica_that_stops_answering_its_health_check_gets_no_more_requests()
    {
        var (live, stopped) = (_services["events"][0], _services["events"][1]);
        await stopped.DisposeAsync();

        await GatewayHost.WaitUntilAsync(async () => (await HealthAsync()).Description.Contains("events: 1 of 2", StringComparison.Ordinal), "the stopped replica to be seen unhealthy");
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync($"/api/events/{i}")).StatusCode);
        }

        Assert.Equal(20, live.Received.Count);
    }

    [Fact]
    public async Task A_service_without_http_destination_is_a_503_problem_and_a_warning()
    {
        var response = await _client.GetAsync("/api/notifications/announcements");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(_logs.Lines, line => line.Level == LogLevel.Warning && line.Message.Contains("services__notifications__http__0", StringComparison.Ordinal));
        Assert.DoesNotContain(_logs.Lines, line => line.Level == LogLevel.Warning && line.Message.Contains("members", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_gateway_health_names_the_service_it_cannot_reach_and_still_answers_200()
    {
        var health = await HealthAsync();

        Assert.Equal("Degraded", health.Status);
        Assert.StartsWith("No replica available for: notifications.", health.Description, StringComparison.Ordinal);
        Assert.Contains("events: 2 of 2 replicas available", health.Description, StringComparison.Ordinal);
        Assert.Contains("repairs: 1 of 1 replicas available", health.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/unknown/things")]
    [InlineData("/api/eventsx")]
    [InlineData("/somewhere")]
    [InlineData("/ops/messaging")]
    [InlineData("/api/events/../../ops/messaging")]
    public async Task Paths_outside_the_public_api_are_404_problems(string url)
    {
        var response = await _client.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_gateway_has_its_own_health_endpoints()
    {
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/alive")).StatusCode);
    }

    private IEnumerable<ReceivedRequest> Received(string service) => _services[service].SelectMany(replica => replica.Received);

    private async Task<(string Status, string Description)> HealthAsync()
    {
        var response = await _client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var services = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks").GetProperty("services");
        return (services.GetProperty("status").GetString()!, services.GetProperty("description").GetString()!);
    }
}
