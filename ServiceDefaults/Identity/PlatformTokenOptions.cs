namespace CircularPlatform.ServiceDefaults.Identity;

/// <summary>
/// Configuration section "Identity": who issues the platform's access tokens, as every service and
/// the gateway validate them (JwtBearer, ADR 0009).
/// </summary>
public sealed class PlatformTokenOptions
{
    public const string Section = "Identity";

    /// <summary>
    /// The token authority's base URL. Its OpenID Connect discovery document names the issuer and
    /// the signing keys (JWKS), so keys rotate without restarting anyone. Members by default; any
    /// OIDC provider by configuration.
    /// </summary>
    public string? Authority { get; set; }

    /// <summary>
    /// The issuer the tokens name and are checked against: the platform's public address (the
    /// gateway's), so a token tells nobody where Members listens inside. The authority's URL when
    /// not set.
    /// </summary>
    public string? Issuer { get; set; }

    /// <summary>The issuer, without a trailing slash.</summary>
    public string? EffectiveIssuer => (string.IsNullOrEmpty(Issuer) ? Authority : Issuer)?.TrimEnd('/');

    public string Audience { get; set; } = "circular-platform";

    /// <summary>Plain HTTP is accepted only from an authority on this machine (local runs and tests).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>
    /// A token naming an unknown key makes the keys be fetched again, but not more often than this,
    /// so forged tokens cannot make every request hit the authority. At least one second.
    /// </summary>
    public TimeSpan KeyRefreshInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long the authority's keys are trusted before being read again, even when every token
    /// names a known key: a key the authority withdrew stops being accepted within this time (plus
    /// up to 5 % that spreads the services' reads). At least five minutes.
    /// </summary>
    public TimeSpan KeyCacheDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Tolerance for clocks that differ between machines.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);
}
