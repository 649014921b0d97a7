namespace CircularPlatform.Members.Model;

/// <summary>What a member says about themselves, validated; the email is normalised.</summary>
public sealed record MemberProfile(
    string DisplayName,
    string Email,
    Guid? OrganisationId,
    string Language,
    IReadOnlyList<string> Themes,
    NotificationSettings Notifications,
    bool DirectoryListing,
    bool Newsletter);
