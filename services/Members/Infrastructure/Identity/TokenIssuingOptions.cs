namespace CircularPlatform.Members.Infrastructure.Identity;

/// <summary>
/// Configuration section "Identity:Issuing": how Members acts as the platform's token authority.
/// The issuer and audience are those every service validates ("Identity:Authority", "Identity:Audience").
/// </summary>
public sealed class TokenIssuingOptions
{
    public const string Section = "Identity:Issuing";

    /// <summary>
    /// When an external OpenID Connect provider issues the tokens, Members validates them like any
    /// other service and its own token endpoints answer that sign-in happens elsewhere.
    /// </summary>
    public bool ExternalProvider { get; set; }

    /// <summary>Short, so that a suspension or a change of role takes effect within minutes.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(10);

    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How long one key signs before the next one takes over.</summary>
    public TimeSpan KeySigningPeriod { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// How long the next key is published before it signs, so that every service has read it
    /// before the first token it signs arrives.
    /// </summary>
    public TimeSpan KeyPublicationLead { get; set; } = TimeSpan.FromDays(2);

    /// <summary>How often a replica looks for keys another replica created.</summary>
    public TimeSpan KeyReloadInterval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>The first administrator, created on a first start when no administrator exists ("Identity:FirstAdmin").</summary>
public sealed class FirstAdminOptions
{
    public const string Section = "Identity:FirstAdmin";

    public string? Email { get; set; }
    /// <summary>Given by whoever deploys (the AppHost generates one); there is no default.</summary>
    public string? Password { get; set; }
    public string DisplayName { get; set; } = "Administrateur du club";
}
