using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CircularPlatform.TestSupport;

/// <summary>
/// A token authority on a loopback port: an OpenID Connect discovery document and a JWKS, with
/// keys that can be rotated, and tokens signed the way the platform's authority signs them.
/// </summary>
public sealed class FakeAuthority : IAsyncDisposable
{
    public const string Audience = "circular-platform";
    private readonly WebApplication _app;
    private readonly Lock _changing = new();
    // Replaced whole, never changed in place, so the JWKS endpoint can read it while a test rotates.
    private volatile IReadOnlyList<RsaSecurityKey> _published = [];

    private FakeAuthority(WebApplication app) => _app = app;

    public string Url => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    public RsaSecurityKey CurrentKey => _published[^1];

    /// <summary>How many times the keys were read (the JWKS), by anyone.</summary>
    public int KeyReads => Volatile.Read(ref _keyReads);

    private int _keyReads;

    public static async Task<FakeAuthority> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var authority = new FakeAuthority(app);
        authority._published = [FirstKey()];
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = authority.Url,
            ["jwks_uri"] = authority.Url + "/jwks",
        }));
        app.MapGet("/jwks", () =>
        {
            Interlocked.Increment(ref authority._keyReads);
            return Results.Text(
                JsonSerializer.Serialize(new { keys = authority._published.Select(k => JsonWebKeyConverter.ConvertFromRSASecurityKey(k)).Select(Public) }),
                "application/json");
        });
        await app.StartAsync();
        return authority;
    }

    /// <summary>Publishes a new signing key beside the old ones, as a rotation does.</summary>
    public RsaSecurityKey Rotate()
    {
        var key = NewKey();
        lock (_changing)
        {
            _published = [.. _published, key];
        }
        return key;
    }

    /// <summary>Stops publishing a key, as an authority does with one that leaked.</summary>
    public void Withdraw(RsaSecurityKey key)
    {
        lock (_changing)
        {
            _published = [.. _published.Where(k => k != key)];
        }
    }

    public static RsaSecurityKey NewKey() => new(RSA.Create(2048)) { KeyId = Guid.NewGuid().ToString("N") };

    // A 2048-bit key takes a fifth of a second of CPU to make, and most tests start an authority of
    // their own: its first key is made once per test process, each authority holding its own copy
    // under its own key id. A key a test makes (NewKey, Rotate) is always new.
    private static readonly Lazy<RSAParameters> FirstKeyMaterial = new(() =>
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportParameters(includePrivateParameters: true);
    });

    private static RsaSecurityKey FirstKey() => new(RSA.Create(FirstKeyMaterial.Value)) { KeyId = Guid.NewGuid().ToString("N") };

    public string Token(
        string role, RsaSecurityKey? key = null, DateTime? expires = null, string? issuer = null, string audience = Audience, Guid? subject = null,
        int accessVersion = 1, string name = "Camille Dupont", string? email = null)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Url,
            Audience = audience,
            Subject = new ClaimsIdentity([
                new Claim("sub", (subject ?? Guid.NewGuid()).ToString()), new Claim("name", name), new Claim("role", role),
                new Claim("access_version", accessVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), ClaimValueTypes.Integer32),
                .. email is null ? Array.Empty<Claim>() : [new Claim("email", email)]]),
            IssuedAt = (expires ?? now.AddMinutes(10)).AddMinutes(-15),
            NotBefore = (expires ?? now.AddMinutes(10)).AddMinutes(-15),
            Expires = expires ?? now.AddMinutes(10),
            SigningCredentials = new SigningCredentials(key ?? CurrentKey, SecurityAlgorithms.RsaSha256),
        });
    }

    private static object Public(JsonWebKey key) => new { kty = key.Kty, kid = key.Kid, use = "sig", alg = "RS256", n = key.N, e = key.E };

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}

/// <summary>
/// One authority for a whole test run, for tests that only need some valid token (an ops
/// client, say). It is an in-process listener on loopback and ends with the test process.
/// </summary>
public static class SharedAuthority
{
    private static readonly Lazy<Task<FakeAuthority>> Instance = new(FakeAuthority.StartAsync);

    public static Task<FakeAuthority> GetAsync() => Instance.Value;

    /// <summary>An administrator's token from the shared authority.</summary>
    public static async Task<string> AdminTokenAsync() => (await GetAsync()).Token("admin");
}
