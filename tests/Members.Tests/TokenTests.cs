using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using CircularPlatform.Members.Infrastructure;
using CircularPlatform.Members.Infrastructure.Identity;
using CircularPlatform.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CircularPlatform.Members.Tests;

/// <summary>
/// Members as the club's token authority: what its tokens say and who can check them, what a
/// forged or expired one gets, how refresh tokens rotate and betray a copy, how guessing the current
/// password is slowed, and how the signing keys change without anyone being signed out.
/// </summary>
public sealed class TokenTests : IAsyncLifetime
{
    private const string Audience = "circular-platform";
    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };

    private Club _club = null!;

    public async Task InitializeAsync()
    {
        _club = new Club();
        await _club.StartAsync();
    }

    public async Task DisposeAsync() => await _club.DisposeAsync();

    [Fact]
    public async Task An_access_token_is_signed_with_a_published_key_and_says_who_the_member_is()
    {
        var discovery = await _club.Anonymous.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration");
        Assert.Equal(Club.Authority, discovery.GetProperty("issuer").GetString());
        Assert.EndsWith("/.well-known/jwks.json", discovery.GetProperty("jwks_uri").GetString(), StringComparison.Ordinal);

        var member = await _club.MemberAsync();
        var jwks = await KeysAsync(_club);
        var token = Handler.ReadJsonWebToken(member.Tokens.AccessToken);

        Assert.Equal("Bearer", member.Tokens.TokenType);
        Assert.Equal(SecurityAlgorithms.RsaSha256, token.Alg);
        Assert.Contains(token.Kid, jwks.Keys.Select(k => k.Kid));
        Assert.Equal(member.Id.ToString(), token.Subject);
        Assert.Equal("Camille Dupont", token.GetPayloadValue<string>("name"));
        Assert.Equal(member.Email, token.GetPayloadValue<string>("email"));
        Assert.Equal("fr", token.GetPayloadValue<string>("lang"));
        Assert.Equal("member", token.GetPayloadValue<string>("role"));
        Assert.Equal("approved", token.GetPayloadValue<string>("membership"));
        Assert.Equal([Audience], token.Audiences);
        Assert.Equal(Club.Authority, token.Issuer);
        var lifetime = token.GetPayloadValue<long>("exp") - token.GetPayloadValue<long>("iat");
        Assert.Equal(600, lifetime);
        Assert.Equal(600, member.Tokens.ExpiresIn);

        // What any service does with the published keys alone.
        var validated = await ValidateAsync(member.Tokens.AccessToken, jwks, lifetime: true);
        Assert.True(validated.IsValid, validated.Exception?.Message);
        Assert.Equal(member.Id.ToString(), validated.ClaimsIdentity.FindFirst("sub")?.Value);

        // Until an organiser approves them, a person has no role at all.
        var person = await _club.SignUpAsync();
        var pending = Handler.ReadJsonWebToken((await _club.SignInAsync(person.Email, Club.Password)).AccessToken);
        Assert.Equal(person.Id.ToString(), pending.Subject);
        Assert.Equal("pending", pending.GetPayloadValue<string>("membership"));
        Assert.False(pending.TryGetPayloadValue<string>("role", out _));
    }

    [Fact]
    public async Task With_a_public_address_the_tokens_name_it_and_not_the_address_of_members_inside()
    {
        const string publicAddress = "https://club.example.org";
        await using var club = new Club(settings: settings => settings["Identity:Issuer"] = publicAddress + "/");
        await club.StartAsync();

        var discovery = await club.Anonymous.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration");
        Assert.Equal(publicAddress, discovery.GetProperty("issuer").GetString());
        // Keys are still fetched where the services reach Members.
        Assert.Equal(Club.Authority + "/.well-known/jwks.json", discovery.GetProperty("jwks_uri").GetString());

        var member = await club.MemberAsync();
        var token = Handler.ReadJsonWebToken(member.Tokens.AccessToken);
        Assert.Equal(publicAddress, token.Issuer);
        Assert.DoesNotContain("members.club.test", member.Tokens.AccessToken.Split('.')[1].FromBase64Url(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await member.Client.GetAsync("/api/members/me")).StatusCode);
    }

    [Fact]
    public async Task An_expired_access_token_is_refused_with_a_bearer_challenge()
    {
        // Tokens issued an hour ago by the authority's clock have expired for every service's.
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow.AddHours(-1));
        await using var club = new Club(clock: clock);
        await club.StartAsync();

        var old = await club.SignInAsync(Club.AdminEmail, Club.AdminPassword);
        using var expired = club.As(old.AccessToken);
        var refused = await expired.GetAsync("/api/members/me");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("Bearer", refused.Headers.WwwAuthenticate.Select(h => h.Scheme));

        // The same member with a token issued now is let in: only the expiry was wrong.
        clock.Advance(TimeSpan.FromHours(1));
        using var fresh = club.As((await club.SignInAsync(Club.AdminEmail, Club.AdminPassword)).AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/api/members/me")).StatusCode);
    }

    [Fact]
    public async Task A_member_who_edits_their_token_to_become_admin_is_refused()
    {
        var member = await _club.MemberAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await member.Client.GetAsync("/api/members")).StatusCode);

        var parts = member.Tokens.AccessToken.Split('.');
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!.AsObject();
        Assert.Equal("member", (string?)payload["role"]);
        payload["role"] = "admin";
        var edited = $"{parts[0]}.{Base64UrlEncoder.Encode(payload.ToJsonString())}.{parts[2]}";
        Assert.Equal("admin", Handler.ReadJsonWebToken(edited).GetPayloadValue<string>("role"));

        using var client = _club.As(edited);
        // 401 and not 403: the token is not believed at all.
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/members")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/members/me")).StatusCode);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_under_the_club_key_id_is_refused()
    {
        var member = await _club.MemberAsync();
        var kid = Handler.ReadJsonWebToken(member.Tokens.AccessToken).Kid;
        var impostor = FakeAuthority.NewKey();
        impostor.KeyId = kid;

        using var client = _club.As(Sign(impostor, Club.Authority, Audience, member.Id, "admin"));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/members/me")).StatusCode);
    }

    [Fact]
    public async Task A_token_signed_with_the_club_key_for_another_audience_or_issuer_is_refused()
    {
        var member = await _club.MemberAsync();
        var kid = Handler.ReadJsonWebToken(member.Tokens.AccessToken).Kid;
        // The private key as only Members holds it, to tell the checks of audience and issuer apart from the signature's.
        using var rsa = RSA.Create();
        await using (var scope = _club.Factory.Services.CreateAsyncScope())
        {
            var stored = await scope.ServiceProvider.GetRequiredService<MembersContext>().SigningKeys.SingleAsync(k => k.Id == kid);
            rsa.ImportPkcs8PrivateKey(stored.PrivateKey, out _);
        }
        var key = new RsaSecurityKey(rsa) { KeyId = kid };

        using var genuine = _club.As(Sign(key, Club.Authority, Audience, member.Id));
        Assert.Equal(HttpStatusCode.OK, (await genuine.GetAsync("/api/members/me")).StatusCode);

        using var otherAudience = _club.As(Sign(key, Club.Authority, "another-api", member.Id));
        Assert.Equal(HttpStatusCode.Unauthorized, (await otherAudience.GetAsync("/api/members/me")).StatusCode);

        using var otherIssuer = _club.As(Sign(key, "http://elsewhere", Audience, member.Id));
        Assert.Equal(HttpStatusCode.Unauthorized, (await otherIssuer.GetAsync("/api/members/me")).StatusCode);
    }

    [Fact]
    public async Task An_unsigned_token_is_refused()
    {
        var member = await _club.MemberAsync();
        var parts = member.Tokens.AccessToken.Split('.');
        var kid = Handler.ReadJsonWebToken(member.Tokens.AccessToken).Kid;
        var header = Base64UrlEncoder.Encode(JsonSerializer.Serialize(new { alg = "none", typ = "at+jwt", kid }));

        using var client = _club.As($"{header}.{parts[1]}.");

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/members/me")).StatusCode);
    }

    [Fact]
    public async Task A_refresh_token_works_once_and_a_spent_one_presented_again_signs_out_its_sign_in_only()
    {
        var member = await _club.MemberAsync();
        var otherDevice = await _club.SignInAsync(member.Email, Club.Password);

        var first = await RefreshAsync(member.Tokens.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("no-store", first.Headers.CacheControl?.ToString());
        var second = (await first.Content.ReadFromJsonAsync<Tokens>())!;
        Assert.NotEqual(member.Tokens.AccessToken, second.AccessToken);
        Assert.NotEqual(member.Tokens.RefreshToken, second.RefreshToken);
        Assert.Equal(member.Id.ToString(), Handler.ReadJsonWebToken(second.AccessToken).Subject);
        using (var client = _club.As(second.AccessToken))
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/members/me")).StatusCode);
        }

        var again = await RefreshAsync(second.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var third = (await again.Content.ReadFromJsonAsync<Tokens>())!;

        // The first refresh token, spent, comes back: someone kept a copy.
        var replay = await RefreshAsync(member.Tokens.RefreshToken);
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Equal("application/problem+json", replay.Content.Headers.ContentType?.MediaType);
        var problem = await replay.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("already used", problem.GetProperty("title").GetString(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(third.RefreshToken)).StatusCode);
        // The member's other sign-in has nothing to do with the copy.
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(otherDevice.RefreshToken)).StatusCode);
    }

    [Fact]
    public async Task Of_two_refreshes_with_the_same_token_at_once_one_wins_and_the_sign_in_is_revoked()
    {
        var member = await _club.MemberAsync();

        var answers = await Task.WhenAll(RefreshAsync(member.Tokens.RefreshToken), RefreshAsync(member.Tokens.RefreshToken));

        var winner = Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Unauthorized);
        var issued = (await winner.Content.ReadFromJsonAsync<Tokens>())!;
        // Whichever of the two was the copy, neither holder keeps a working sign-in.
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(issued.RefreshToken)).StatusCode);
    }

    [Fact]
    public async Task A_refresh_token_issued_into_a_sign_in_after_it_was_revoked_does_not_work()
    {
        var member = await _club.MemberAsync();
        Assert.Equal(HttpStatusCode.NoContent,
            (await _club.Anonymous.PostAsJsonAsync("/api/members/auth/revoke", new { refreshToken = member.Tokens.RefreshToken })).StatusCode);

        // What the winner of two concurrent refreshes does when the loser revokes the sign-in first.
        IssuedTokens late;
        await using (var scope = _club.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MembersContext>();
            var family = await db.RefreshTokens.Where(t => t.MemberId == member.Id).Select(t => t.FamilyId).SingleAsync();
            late = await scope.ServiceProvider.GetRequiredService<TokenIssuer>()
                .IssueAsync(await db.Members.SingleAsync(m => m.Id == member.Id), family, CancellationToken.None);
            await db.SaveChangesAsync();
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(late.RefreshToken)).StatusCode);
    }

    [Fact]
    public async Task Signing_out_revokes_the_refresh_token_and_says_nothing_about_unknown_ones()
    {
        var member = await _club.MemberAsync();

        var signedOut = await _club.Anonymous.PostAsJsonAsync("/api/members/auth/revoke", new { refreshToken = member.Tokens.RefreshToken });
        Assert.Equal(HttpStatusCode.NoContent, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(member.Tokens.RefreshToken)).StatusCode);

        var unknown = await _club.Anonymous.PostAsJsonAsync("/api/members/auth/revoke", new { refreshToken = "not-a-token-of-the-club" });
        Assert.Equal(HttpStatusCode.NoContent, unknown.StatusCode);

        var missing = await _club.Anonymous.PostAsJsonAsync("/api/members/auth/revoke", new { });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        Assert.Contains("refreshToken", (await Errors(missing)).Keys);
    }

    [Fact]
    public async Task The_current_password_is_no_easier_to_guess_when_changing_it()
    {
        var member = await _club.MemberAsync();

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var wrong = await member.Client.PostAsJsonAsync("/api/members/me/password", new { currentPassword = "devinette " + attempt, newPassword = "un tout nouveau mot de passe" });
            Assert.Contains("currentPassword", (await Errors(wrong)).Keys);
        }
        var fifth = await member.Client.PostAsJsonAsync("/api/members/me/password", new { currentPassword = "devinette 5", newPassword = "un tout nouveau mot de passe" });
        Assert.Equal(HttpStatusCode.TooManyRequests, fifth.StatusCode);
        // Locked now, even with the right password, here and at sign-in.
        var right = await member.Client.PostAsJsonAsync("/api/members/me/password", new { currentPassword = Club.Password, newPassword = "un tout nouveau mot de passe" });
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SignInAsync(member.Email, Club.Password)).StatusCode);
    }

    [Fact]
    public async Task A_new_password_signs_in_and_the_old_one_and_every_refresh_token_stop_working()
    {
        var member = await _club.MemberAsync();

        var tooShort = await member.Client.PostAsJsonAsync("/api/members/me/password", new { currentPassword = Club.Password, newPassword = "court" });
        Assert.Contains("newPassword", (await Errors(tooShort)).Keys);
        var changed = await member.Client.PostAsJsonAsync("/api/members/me/password", new { currentPassword = Club.Password, newPassword = "un tout nouveau mot de passe" });

        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(member.Email, Club.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(member.Email, "un tout nouveau mot de passe")).StatusCode);
        var refresh = await _club.Anonymous.PostAsJsonAsync("/api/members/auth/refresh", new { refreshToken = member.Tokens.RefreshToken });
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
    }

    [Fact]
    public async Task Signing_keys_are_published_before_they_sign_and_withdrawn_once_their_tokens_have_expired()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var club = new Club(clock: clock, settings: s =>
        {
            s["Identity:Issuing:KeySigningPeriod"] = "1.00:00:00";
            s["Identity:Issuing:KeyPublicationLead"] = "02:00:00";
        });
        await club.StartAsync();

        var first = await KeysAsync(club);
        var k1 = Assert.Single(first.Keys).Kid;
        var signedByK1 = await SignedAtAsync(club, first, k1);

        // An hour before K1 stops signing, K2 is published already, so that every service has it in time.
        clock.Advance(TimeSpan.FromHours(23));
        var announced = await KeysAsync(club);
        Assert.Equal(2, announced.Keys.Count);
        Assert.Equal(k1, announced.Keys[0].Kid);
        var k2 = announced.Keys[1].Kid;
        var lastOfK1 = await SignedAtAsync(club, announced, k1);

        // K2 signs from the end of K1's day; K1 stays published while the tokens it signed may be alive.
        clock.Advance(TimeSpan.FromHours(1));
        var rotated = await KeysAsync(club);
        Assert.Equal([k1, k2], rotated.Keys.Select(k => k.Kid));
        await SignedAtAsync(club, rotated, k2);

        // Ten minutes of token lifetime later, and still within the thirty seconds of clock skew.
        clock.Advance(TimeSpan.FromMinutes(10));
        var lingering = await KeysAsync(club);
        Assert.Equal([k1, k2], lingering.Keys.Select(k => k.Kid));
        Assert.True((await ValidateAsync(lastOfK1, lingering, lifetime: false)).IsValid);

        // Past K1's last token's expiry and the skew: K1 is gone, and with it its tokens.
        clock.Advance(TimeSpan.FromMinutes(1));
        var withdrawn = await KeysAsync(club);
        Assert.Equal([k2], withdrawn.Keys.Select(k => k.Kid));
        Assert.False((await ValidateAsync(signedByK1, withdrawn, lifetime: false)).IsValid);
        await SignedAtAsync(club, withdrawn, k2);
    }

    [Fact]
    public async Task With_an_external_provider_Members_issues_nothing_and_accepts_the_provider_tokens()
    {
        await using var provider = await FakeAuthority.StartAsync();
        await using var club = new Club(settings: s =>
        {
            s["Identity:Issuing:ExternalProvider"] = "true";
            s["Identity:Authority"] = provider.Url;
        });
        await club.StartAsync();

        var signIn = await club.Anonymous.PostAsJsonAsync("/api/members/auth/token", new { email = Club.AdminEmail, password = Club.AdminPassword });
        Assert.Equal(HttpStatusCode.NotFound, signIn.StatusCode);
        Assert.Equal("application/problem+json", signIn.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await club.Anonymous.GetAsync("/.well-known/jwks.json")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await club.Anonymous.GetAsync("/.well-known/openid-configuration")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await club.Anonymous.GetAsync("/api/members/me")).StatusCode);
        // Authenticated by the provider, but nobody the club knows.
        using var stranger = club.As(provider.Token("member", subject: Guid.NewGuid()));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync("/api/members/me")).StatusCode);
        // A key the provider never published proves nothing.
        using var forged = club.As(provider.Token("member", key: FakeAuthority.NewKey(), subject: Guid.NewGuid()));
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/members/me")).StatusCode);
    }

    /// <summary>The administrator signs in now; the token names <paramref name="kid"/> and checks against <paramref name="keys"/>.</summary>
    private static async Task<string> SignedAtAsync(Club club, JsonWebKeySet keys, string kid)
    {
        var token = (await club.SignInAsync(Club.AdminEmail, Club.AdminPassword)).AccessToken;
        Assert.Equal(kid, Handler.ReadJsonWebToken(token).Kid);
        // The clock is the test's, so only the signature, issuer and audience are checked.
        var validated = await ValidateAsync(token, keys, lifetime: false);
        Assert.True(validated.IsValid, validated.Exception?.Message);
        return token;
    }

    private static async Task<JsonWebKeySet> KeysAsync(Club club) =>
        new(await club.Anonymous.GetStringAsync("/.well-known/jwks.json"));

    private static Task<TokenValidationResult> ValidateAsync(string token, JsonWebKeySet keys, bool lifetime) =>
        Handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = Club.Authority,
            ValidAudience = Audience,
            IssuerSigningKeys = keys.GetSigningKeys(),
            ValidateLifetime = lifetime,
            RequireSignedTokens = true,
            ValidTypes = ["at+jwt"],
        });

    private static string Sign(SecurityKey key, string issuer, string audience, Guid subject, string role = "member")
    {
        var now = DateTime.UtcNow;
        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("sub", subject.ToString()), new Claim("name", "Camille Dupont"), new Claim("role", role)]),
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(10),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
            TokenType = "at+jwt",
        });
    }

    private Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        _club.Anonymous.PostAsJsonAsync("/api/members/auth/refresh", new { refreshToken });

    private Task<HttpResponseMessage> SignInAsync(string email, string password) =>
        _club.Anonymous.PostAsJsonAsync("/api/members/auth/token", new { email, password });

    private static async Task<Dictionary<string, string[]>> Errors(HttpResponseMessage response)
    {
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return problem.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
    }
}

internal static class Base64UrlText
{
    public static string FromBase64Url(this string encoded) => System.Text.Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(encoded));
}
