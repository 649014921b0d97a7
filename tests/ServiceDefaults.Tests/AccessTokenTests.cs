using System.Net;
using System.Net.Http.Headers;
using CircularPlatform.ServiceDefaults.Identity;
using CircularPlatform.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

namespace CircularPlatform.ServiceDefaults.Tests;

public sealed class AccessTokenTests : IAsyncLifetime
{
    private FakeAuthority _authority = null!;
    private WebApplication _app = null!;

    public async Task InitializeAsync()
    {
        _authority = await FakeAuthority.StartAsync();
        _app = await TestApp.StartAsync(app =>
        {
            app.MapGet("/api/open", () => Results.Ok());
            app.MapGet("/api/members-only", (HttpContext context) => Results.Ok(context.User.Identity?.Name))
                .RequireAuthorization(ClubPolicies.Member);
            app.MapPost("/api/organisers-only", () => Results.Ok()).RequireAuthorization(ClubPolicies.Organiser);
            app.MapPost("/api/admins-only", () => Results.Ok()).RequireAuthorization(ClubPolicies.Admin);
        }, builder =>
        {
            builder.Configuration["Identity:Authority"] = _authority.Url;
            builder.Configuration["Identity:KeyRefreshInterval"] = "00:00:01";
        });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _authority.DisposeAsync();
    }

    [Fact]
    public async Task Without_a_token_reads_are_open_and_protected_endpoints_answer_401_problems()
    {
        var client = _app.GetTestClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/open")).StatusCode);
        var refused = await client.GetAsync("/api/members-only");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("Bearer", refused.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData(ClubRoles.Member, HttpStatusCode.OK, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden)]
    [InlineData(ClubRoles.Organiser, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Forbidden)]
    [InlineData(ClubRoles.Admin, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK)]
    public async Task Each_role_may_do_what_its_policy_allows(string role, HttpStatusCode member, HttpStatusCode organiser, HttpStatusCode admin)
    {
        var token = _authority.Token(role);

        Assert.Equal(member, (await Send(HttpMethod.Get, "/api/members-only", token)).StatusCode);
        Assert.Equal(organiser, (await Send(HttpMethod.Post, "/api/organisers-only", token)).StatusCode);
        var adminAnswer = await Send(HttpMethod.Post, "/api/admins-only", token);
        Assert.Equal(admin, adminAnswer.StatusCode);
        if (admin == HttpStatusCode.Forbidden)
        {
            Assert.Equal("application/problem+json", adminAnswer.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task The_name_of_the_member_comes_from_the_token()
    {
        var response = await Send(HttpMethod.Get, "/api/members-only", _authority.Token(ClubRoles.Member));

        Assert.Equal("\"Camille Dupont\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_token_expired_for_longer_than_the_clock_tolerance_is_refused()
    {
        // Thirty seconds of tolerance, not JwtBearer's five minutes: Members keeps a retired key
        // published for the tokens' lifetime plus this tolerance, not longer.
        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Get, "/api/members-only",
            _authority.Token(ClubRoles.Member, expires: DateTime.UtcNow.AddSeconds(20)))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(HttpMethod.Get, "/api/members-only",
            _authority.Token(ClubRoles.Member, expires: DateTime.UtcNow.AddMinutes(-1)))).StatusCode);
    }

    [Fact]
    public async Task A_tampered_token_is_refused()
    {
        var parts = _authority.Token(ClubRoles.Member).Split('.');
        var payload = System.Text.Encoding.UTF8.GetString(Base64UrlDecode(parts[1])).Replace("\"member\"", "\"admin\"", StringComparison.Ordinal);
        var tampered = $"{parts[0]}.{Base64UrlEncode(System.Text.Encoding.UTF8.GetBytes(payload))}.{parts[2]}";

        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(HttpMethod.Post, "/api/admins-only", tampered)).StatusCode);
    }

    [Fact]
    public async Task An_unsigned_token_is_refused()
    {
        var parts = _authority.Token(ClubRoles.Admin).Split('.');
        var header = Base64UrlEncode(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new { alg = "none", kid = _authority.CurrentKey.KeyId }));

        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(HttpMethod.Post, "/api/admins-only", $"{header}.{parts[1]}.")).StatusCode);
    }

    [Fact]
    public async Task A_token_signed_with_a_key_the_authority_never_published_is_refused() =>
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(HttpMethod.Get, "/api/members-only",
            _authority.Token(ClubRoles.Member, key: FakeAuthority.NewKey()))).StatusCode);

    [Theory]
    [InlineData("http://127.0.0.1:1", FakeAuthority.Audience)]
    [InlineData(null, "another-platform")]
    public async Task A_token_from_another_issuer_or_for_another_audience_is_refused(string? issuer, string audience) =>
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(HttpMethod.Get, "/api/members-only",
            _authority.Token(ClubRoles.Member, issuer: issuer, audience: audience))).StatusCode);

    [Fact]
    public async Task Tokens_naming_unknown_keys_or_none_cost_no_key_read_each()
    {
        await using var authority = await FakeAuthority.StartAsync();
        // The refresh interval as configured by default: one minute.
        await using var app = await TestApp.StartAsync(
            app => app.MapGet("/api/members-only", () => Results.Ok()).RequireAuthorization(ClubPolicies.Member),
            builder => builder.Configuration["Identity:Authority"] = authority.Url);
        var client = app.GetTestClient();
        Assert.Equal(HttpStatusCode.OK, (await SendTo(client, authority.Token(ClubRoles.Member))).StatusCode);
        var readsBefore = authority.KeyReads;

        for (var forged = 0; forged < 20; forged++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await SendTo(client, authority.Token(ClubRoles.Admin, key: FakeAuthority.NewKey()))).StatusCode);
            var noKeyId = new Microsoft.IdentityModel.Tokens.RsaSecurityKey(System.Security.Cryptography.RSA.Create(2048));
            Assert.Equal(HttpStatusCode.Unauthorized, (await SendTo(client, authority.Token(ClubRoles.Admin, key: noKeyId))).StatusCode);
        }

        // Forty forged tokens made the keys be read once at most (the throttled refresh), not forty times.
        Assert.InRange(authority.KeyReads - readsBefore, 0, 1);
        Assert.Equal(HttpStatusCode.OK, (await SendTo(client, authority.Token(ClubRoles.Member))).StatusCode);
    }

    private static Task<HttpResponseMessage> SendTo(HttpClient client, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/members-only");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client.SendAsync(request);
    }

    [Fact]
    public async Task A_key_rotated_in_by_the_authority_is_accepted_without_restart()
    {
        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Get, "/api/members-only", _authority.Token(ClubRoles.Member))).StatusCode);

        var rotated = _authority.Token(ClubRoles.Member, key: _authority.Rotate());

        // A token naming a key not seen yet makes the keys be read again, in the background and at
        // most once per refresh interval (1 s here); unprompted, they would be read in five minutes.
        await WaitUntilAcceptedAsync(rotated, "a token signed with the rotated key is accepted");
    }

    [Fact]
    public async Task A_key_the_authority_withdrew_is_refused_once_the_keys_are_read_again()
    {
        var withdrawn = _authority.CurrentKey;
        var signedBefore = _authority.Token(ClubRoles.Member, key: withdrawn);
        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Get, "/api/members-only", signedBefore)).StatusCode);

        var successor = _authority.Token(ClubRoles.Member, key: _authority.Rotate());
        _authority.Withdraw(withdrawn);
        await WaitUntilAcceptedAsync(successor, "the keys are read again");

        // Not accepted either against the keys this service read before.
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(HttpMethod.Get, "/api/members-only", signedBefore)).StatusCode);
    }

    [Fact]
    public async Task An_authority_over_plain_http_elsewhere_than_on_this_machine_stops_the_start()
    {
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => TestApp.StartAsync(_ => { },
            builder => builder.Configuration["Identity:Authority"] = "http://members.club-economie-circulaire.test"));

        Assert.Contains("HTTPS", refused.Message, StringComparison.Ordinal);
    }

    private Task WaitUntilAcceptedAsync(string token, string what) =>
        Wait.UntilAsync(async () => (await Send(HttpMethod.Get, "/api/members-only", token)).StatusCode == HttpStatusCode.OK, what);

    private Task<HttpResponseMessage> Send(HttpMethod method, string path, string token)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return _app.GetTestClient().SendAsync(request);
    }

    private static byte[] Base64UrlDecode(string text) =>
        Convert.FromBase64String(text.Replace('-', '+').Replace('_', '/').PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '='));

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
