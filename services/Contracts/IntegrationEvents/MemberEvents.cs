namespace CircularPlatform.Contracts.IntegrationEvents;

/// <summary>An organiser approved a membership: the member may now take part.</summary>
public sealed record MemberJoined : IntegrationEvent
{
    public required Guid MemberId { get; init; }
    public Guid? OrganisationId { get; init; }
    public required string DisplayName { get; init; }
    public required string Email { get; init; }
    /// <summary>"fr" or "en".</summary>
    public required string Language { get; init; }
    public IReadOnlyList<string> Themes { get; init; } = [];
    public required string Role { get; init; }
    public NotificationPreferences Preferences { get; init; } = new();
}

/// <summary>Carries everything other services keep about a member, so they never have to ask.</summary>
public sealed record MemberProfileChanged : IntegrationEvent
{
    public required Guid MemberId { get; init; }
    public required string DisplayName { get; init; }
    public required string Email { get; init; }
    public required string Language { get; init; }
    public IReadOnlyList<string> Themes { get; init; } = [];
    public NotificationPreferences Preferences { get; init; } = new();
}

public sealed record NotificationPreferences
{
    public bool EventAnnouncements { get; init; } = true;
    public bool RegistrationUpdates { get; init; } = true;
    public bool ArticleDigest { get; init; } = true;
}

/// <summary>
/// A member left, was suspended, or asked for erasure; with <see cref="Erased"/> every service
/// removes or anonymises what it keeps about the member.
/// </summary>
public sealed record MemberLeft : IntegrationEvent
{
    public required Guid MemberId { get; init; }
    public required string Reason { get; init; }
    public bool Erased { get; init; }
}

public sealed record OrganisationRegistered : IntegrationEvent
{
    public required Guid OrganisationId { get; init; }
    public required string Name { get; init; }
    public required string Kind { get; init; }
    public string? Municipality { get; init; }
    public IReadOnlyList<string> Themes { get; init; } = [];
}

/// <summary>
/// A member's access changed (suspended, given another role, erased): every access token issued
/// to them before carries an access version below <see cref="AccessVersion"/>, and every service
/// and the gateway refuse it from now on, without waiting for it to expire.
/// </summary>
public sealed record MemberAccessRevoked : IntegrationEvent
{
    public required Guid MemberId { get; init; }
    /// <summary>Tokens whose <c>access_version</c> claim is lower are refused.</summary>
    public required int AccessVersion { get; init; }
    /// <summary>"suspended", "role-changed" or "left".</summary>
    public required string Reason { get; init; }
}
