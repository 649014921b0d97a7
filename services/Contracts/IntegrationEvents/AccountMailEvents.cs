namespace CircularPlatform.Contracts.IntegrationEvents;

/// <summary>
/// Mail that Members asks to be sent about a person's own account. Members keeps only a hash of the
/// token; the link carries it to the person, and Notifications, who sends the mail, keeps none.
/// </summary>
public abstract record AccountMailRequested : IntegrationEvent
{
    /// <summary>One request: a mail is sent once per request, however often the fact is delivered.</summary>
    public required Guid RequestId { get; init; }
    public required Guid MemberId { get; init; }
    public required string Email { get; init; }
    public required string DisplayName { get; init; }
    /// <summary>"fr" or "en".</summary>
    public required string Language { get; init; }
    /// <summary>The link to follow, on the platform's public address, with its single-use token.</summary>
    public required string Link { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
}

/// <summary>A person signed up (or changed their address) and must show the address is theirs.</summary>
public sealed record EmailVerificationRequested : AccountMailRequested;

/// <summary>A person forgot their password and asked for a link to choose a new one.</summary>
public sealed record PasswordResetRequested : AccountMailRequested;
