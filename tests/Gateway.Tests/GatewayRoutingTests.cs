using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CircularPlatform.Gateway.Tests;

public sealed class GatewayRoutingTests : IAsyncLifetime
{
    private readonly List<FakeService> _services = [];
    private WebApplicationFactory<Program> _gateway = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        // Notifications is left without a destination on purpose.
        foreach (var name in new[] { "members", "events", "knowledge" })
        {
            _services.Add(await FakeService.StartAsync(name));
        }
        _gateway = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("environment", "Testing");
            foreach (var service in _services)
            {
                builder.UseSetting($"services:{service.Name}:http:0", service.Url);
            }
        });
        _client = _gateway.CreateClient();
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        foreach (var service in _services)
        {
            await service.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("/api/members/themes", "members:GET /api/members/themes")]
    [InlineData("/api/events?theme=water&page=2", "events:GET /api/events?theme=water&page=2")]
    [InlineData("/api/events/0198e1f0-0000-7000-8000-000000000001", "events:GET /api/events/0198e1f0-0000-7000-8000-000000000001")]
    [InlineData("/api/knowledge/articles?lang=en", "knowledge:GET /api/knowledge/articles?lang=en")]
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

        var received = _services.Single(s => s.Name == "members").Received.Last(r => r.PathAndQuery == "/api/members/municipalities");
        Assert.NotNull(received.TraceParent);
        Assert.Equal(traceId, received.TraceParent!.Split('-')[1]);
    }

    [Fact]
    public async Task A_service_without_destination_is_a_503_problem()
    {
        var response = await _client.GetAsync("/api/notifications/announcements");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
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
}
