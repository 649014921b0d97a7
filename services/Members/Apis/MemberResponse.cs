using CircularPlatform.Members.Model;

namespace CircularPlatform.Members.Apis;

public sealed record ConsentsResponse(DateTimeOffset? TermsAcceptedAt, DateTimeOffset? DirectoryListingAt, DateTimeOffset? NewsletterAt);

public sealed record NotificationSettingsResponse(bool EventAnnouncements, bool RegistrationUpdates, bool ArticleDigest);

/// <param name="Version">Send it back with a change, so a change made meanwhile is not overwritten.</param>
public sealed record MemberResponse(
    Guid Id,
    string DisplayName,
    string? Email,
    DateTimeOffset? EmailVerifiedAt,
    Guid? OrganisationId,
    string Role,
    string Language,
    IReadOnlyList<string> Themes,
    NotificationSettingsResponse Notifications,
    ConsentsResponse Consents,
    MemberStatus Status,
    string? StatusReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ApprovedAt,
    int Version)
{
    public static MemberResponse From(Member m) => new(
        m.Id,
        m.DisplayName,
        m.Email,
        Utc(m.EmailVerifiedAt),
        m.OrganisationId,
        m.Role,
        m.Language,
        m.Themes,
        new NotificationSettingsResponse(m.Notifications.EventAnnouncements, m.Notifications.RegistrationUpdates, m.Notifications.ArticleDigest),
        new ConsentsResponse(Utc(m.Consents.TermsAcceptedAt), Utc(m.Consents.DirectoryListingAt), Utc(m.Consents.NewsletterAt)),
        m.Status,
        m.StatusReason,
        new DateTimeOffset(m.CreatedAt, TimeSpan.Zero),
        new DateTimeOffset(m.UpdatedAt, TimeSpan.Zero),
        Utc(m.ApprovedAt),
        m.Version);

    private static DateTimeOffset? Utc(DateTime? time) => time is { } t ? new DateTimeOffset(t, TimeSpan.Zero) : null;
}

/// <summary>The answer of the token endpoints (OAuth 2.0's names, camelCased like the rest of the API).</summary>
/// <param name="ExpiresIn">Seconds the access token is valid.</param>
/// <param name="RefreshExpiresIn">Seconds the refresh token may be exchanged, once.</param>
public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn, string RefreshToken, int RefreshExpiresIn);

public sealed record SignInRequest(string? Email, string? Password);

public sealed record RefreshRequest(string? RefreshToken);
