namespace CircularPlatform.Members.Infrastructure.Identity;

/// <summary>Configuration section "Identity:AccountTokens": the single-use links of account mail.</summary>
public sealed class AccountTokenOptions
{
    public const string Section = "Identity:AccountTokens";

    /// <summary>Long enough for a mail read after a weekend.</summary>
    public TimeSpan EmailVerificationLifetime { get; set; } = TimeSpan.FromHours(48);

    /// <summary>Short: the link is as good as the password until it is used.</summary>
    public TimeSpan PasswordResetLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// At most one reset mail, and one new confirmation link, per address within this time, however
    /// often it is asked for, so nobody can fill a member's mailbox; the requests in between are
    /// answered the same.
    /// </summary>
    public TimeSpan PasswordResetInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Where the links lead: the platform's public address (the gateway's). Identity:Issuer when not
    /// set, which the AppHost sets to the gateway's address.
    /// </summary>
    public string? PublicAddress { get; set; }
}
