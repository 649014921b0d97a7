using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Net.Http.Headers;
using CircularPlatform.TestSupport;
using MassTransit.Testing;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CircularPlatform.Gateway.Tests;

public sealed class GatewayProtectionTests : IAsyncLifetime
{
    private const string Portal = "https://portail.circulaire.example";
    private const int Permits = 5;
    private FakeAuthority _authority = null!;
    private FakeService _events = null!;
    private FakeService _members = null!;
    private WebApplicationFactory<Program> _gateway = null!;

    public async Task InitializeAsync()
    {
        _authority = await FakeAuthority.StartAsync();
        _events = await FakeService.StartAsync("events");
        _members = await FakeService.StartAsync("members");
        _gateway = new GatewayFactory().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("services:events:http:0", _events.Url);
            builder.UseSetting("services:members:http:0", _members.Url);
            builder.UseSetting("Identity:Authority", _authority.Url);
            builder.UseSetting("Gateway:RateLimitPermits", Permits.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Gateway:RateLimitWindow", "00:10:00");
            builder.UseSetting("Gateway:CorsOrigins:0", Portal);
        });
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _events.DisposeAsync();
        await _members.DisposeAsync();
        await _authority.DisposeAsync();
    }

    [Fact]
    public async Task A_valid_token_is_forwarded_to_the_service_unchanged()
    {
        var token = _authority.Token("member");
        var client = _gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/events")).StatusCode);

        Assert.Equal("Bearer " + token, Assert.Single(_events.Received).Authorization);
    }

    [Fact]
    public async Task A_token_that_does_not_validate_is_refused_at_the_gateway_and_never_reaches_a_service()
    {
        var forged = _authority.Token("admin", key: FakeAuthority.NewKey());
        var expired = _authority.Token("member", expires: DateTime.UtcNow.AddMinutes(-5));
        foreach (var token in new[] { forged, expired, "not-even-a-jwt" })
        {
            var client = _gateway.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

            var refused = await client.PostAsync("/api/events", JsonContent.Create(new { }));

            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Contains("invalid_token", refused.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }
        Assert.Empty(_events.Received);

        // Without a token the service decides; signing in with a stale token in hand still works.
        Assert.Equal(HttpStatusCode.OK, (await _gateway.CreateClient().GetAsync("/api/events")).StatusCode);
        var refreshing = _gateway.CreateClient();
        refreshing.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", expired);
        Assert.Equal(HttpStatusCode.OK, (await refreshing.PostAsync("/api/members/auth/refresh", JsonContent.Create(new { }))).StatusCode);
    }

    [Fact]
    public async Task A_token_members_revoked_is_refused_at_the_gateway_from_the_next_request_on()
    {
        var suspendedId = Guid.NewGuid();
        var client = _gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _authority.Token("member", subject: suspendedId, accessVersion: 1));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/events")).StatusCode);
        var harness = _gateway.Services.GetTestHarness();
        await harness.Start();

        await harness.Bus.Publish(new Contracts.IntegrationEvents.MemberAccessRevoked { MemberId = suspendedId, AccessVersion = 2, Reason = "suspended" });

        await GatewayHost.WaitUntilAsync(async () => (await client.GetAsync("/api/events")).StatusCode == HttpStatusCode.Unauthorized, "the gateway to hear the revocation");
        var reached = _events.Received.Count;
        var refused = await client.PostAsync("/api/events", JsonContent.Create(new { }));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        // Refused at the gateway: the service never saw it.
        Assert.Equal(reached, _events.Received.Count);
    }

    [Fact]
    public async Task Each_signed_in_member_has_their_own_share_even_from_one_address()
    {
        var first = _gateway.CreateClient();
        first.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _authority.Token("member"));
        for (var i = 0; i < Permits; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/api/events")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, (await first.GetAsync("/api/events")).StatusCode);

        var second = _gateway.CreateClient();
        second.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _authority.Token("member"));
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/events")).StatusCode);
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
    public async Task Reading_the_api_reference_counts_against_the_clients_share_since_it_asks_every_service()
    {
        var client = _gateway.CreateClient();
        for (var i = 0; i < Permits; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/docs/openapi.json")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("/docs/openapi.json")).StatusCode);
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
