using CircularPlatform.Contracts.IntegrationEvents;
using CircularPlatform.Members.Model;

namespace CircularPlatform.Members.IntegrationEvents;

/// <summary>What the other services are told about a member: what they keep, never more.</summary>
internal static class MemberEventsFactory
{
    public static MemberJoined Joined(Member member) => new()
    {
        MemberId = member.Id,
        OrganisationId = member.OrganisationId,
        DisplayName = member.DisplayName,
        Email = member.Email!,
        Language = member.Language,
        Themes = member.Themes,
        Role = member.Role,
        Preferences = Preferences(member),
    };

    public static MemberProfileChanged ProfileChanged(Member member) => new()
    {
        MemberId = member.Id,
        DisplayName = member.DisplayName,
        Email = member.Email!,
        Language = member.Language,
        Themes = member.Themes,
        Preferences = Preferences(member),
    };

    public static MemberLeft Left(Member member, string reason, bool erased) => new()
    {
        MemberId = member.Id,
        Reason = reason,
        Erased = erased,
    };

    /// <summary>The member's tokens issued before this change are refused everywhere from now on.</summary>
    public static MemberAccessRevoked AccessRevoked(Member member, string reason) => new()
    {
        MemberId = member.Id,
        AccessVersion = member.AccessVersion,
        Reason = reason,
    };

    /// <summary>Carries who to write to, since a pending member is not yet known to Notifications.</summary>
    public static EmailVerificationRequested EmailVerificationRequested(Member member, AccountToken token, string link) => new()
    {
        RequestId = token.Id,
        MemberId = member.Id,
        Email = member.Email!,
        DisplayName = member.DisplayName,
        Language = member.Language,
        Link = link,
        ExpiresAt = new DateTimeOffset(token.ExpiresAt, TimeSpan.Zero),
    };

    public static PasswordResetRequested PasswordResetRequested(Member member, AccountToken token, string link) => new()
    {
        RequestId = token.Id,
        MemberId = member.Id,
        Email = member.Email!,
        DisplayName = member.DisplayName,
        Language = member.Language,
        Link = link,
        ExpiresAt = new DateTimeOffset(token.ExpiresAt, TimeSpan.Zero),
    };

    private static NotificationPreferences Preferences(Member member) => new()
    {
        EventAnnouncements = member.Notifications.EventAnnouncements,
        RegistrationUpdates = member.Notifications.RegistrationUpdates,
        ArticleDigest = member.Notifications.ArticleDigest,
    };
}
