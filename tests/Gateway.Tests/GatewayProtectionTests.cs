using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CircularPlatform.Gateway.Tests;

public sealed class GatewayProtectionTests : IAsyncLifetime
{
    private const string Portal = "https://portail.circulaire.example";
    private const int Permits = 5;
    private FakeService _events = null!;
    private WebApplicationFactory<Program> _gateway = null!;

    public async Task InitializeAsync()
    {
        _events = await FakeService.StartAsync("events");
        _gateway = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("environment", "Testing");
            builder.UseSetting("services:events:http:0", _events.Url);
            builder.UseSetting("Gateway:RateLimitPermits", Permits.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Gateway:RateLimitWindow", "00:10:00");
            builder.UseSetting("Gateway:CorsOrigins:0", Portal);
        });
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _events.DisposeAsync();
    }

    [Fact]
    public async Task A_client_over_its_share_gets_a_429_problem_with_retry_after_while_health_stays_reachable()
    {
        var client = _gateway.CreateClient();
        for (var i = 0; i < Permits; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/events")).StatusCode);
        }

        var refused = await client.GetAsync("/api/events");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(refused.Headers.RetryAfter?.Delta is { TotalSeconds: > 0 and <= 600 }, $"Retry-After: {refused.Headers.RetryAfter}");
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Equal(Permits, _events.Received.Count);
        // Health checks of the gateway itself are not part of anyone's share.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task The_club_portal_may_call_the_api_from_a_browser()
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/events");
        preflight.Headers.Add("Origin", Portal);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");

        var response = await _gateway.CreateClient().SendAsync(preflight);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(Portal, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("POST", response.Headers.GetValues("Access-Control-Allow-Methods").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_site_gets_no_cors_permission()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/events");
        request.Headers.Add("Origin", "https://elsewhere.example");

        var response = await _gateway.CreateClient().SendAsync(request);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }
}
