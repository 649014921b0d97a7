using CircularPlatform.ServiceDefaults.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace CircularPlatform.Members.Infrastructure.Identity;

/// <summary>
/// Members validates the tokens it issued with the keys it holds, as the others do with the keys
/// it publishes, rather than fetching its own discovery document over the network.
/// </summary>
public sealed class LocalAuthority(SigningKeyStore keys, IOptions<PlatformTokenOptions> options)
    : IConfigurationManager<OpenIdConnectConfiguration>
{
    private volatile Cached? _cached;

    /// <summary>The URL at which the services reach Members (no trailing slash): keys and endpoints are found there.</summary>
    public string Url => options.Value.Authority?.TrimEnd('/') ?? throw new InvalidOperationException(
        "Identity:Authority must name the URL at which the other services reach Members, the token authority.");

    /// <summary>The issuer the tokens name: Identity:Issuer, the platform's public address, or else <see cref="Url"/>.</summary>
    public string Issuer => options.Value.EffectiveIssuer ?? Url;

    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
    {
        var current = await keys.GetAsync(cancel);
        var cached = _cached;
        if (cached is not null && ReferenceEquals(cached.From, current))
        {
            return cached.Configuration;
        }
        var configuration = new OpenIdConnectConfiguration { Issuer = Issuer };
        foreach (var key in current.Published)
        {
            configuration.SigningKeys.Add(key);
        }
        _cached = new Cached(current, configuration);
        return configuration;
    }

    public void RequestRefresh() => keys.Invalidate();

    private sealed record Cached(SigningKeys From, OpenIdConnectConfiguration Configuration);
}
