namespace CircularPlatform.Members.Model;

/// <summary>
/// What the member agreed to and when (GDPR asks us to be able to show it). A consent withdrawn
/// keeps no timestamp: it is simply no longer given.
/// </summary>
public sealed class Consents
{
    /// <summary>The club's charter and terms of use, required to join.</summary>
    public DateTime? TermsAcceptedAt { get; set; }

    /// <summary>Appearing with name and organisation in the members' directory.</summary>
    public DateTime? DirectoryListingAt { get; set; }

    /// <summary>Receiving the club's newsletter and event announcements by email.</summary>
    public DateTime? NewsletterAt { get; set; }

    public static DateTime? Keep(DateTime? given, bool wanted, DateTime now) => wanted ? given ?? now : null;
}

/// <summary>Which emails the member wants; other services keep a copy through MemberProfileChanged.</summary>
public sealed class NotificationSettings
{
    public bool EventAnnouncements { get; set; } = true;
    public bool RegistrationUpdates { get; set; } = true;
    public bool ArticleDigest { get; set; } = true;
}
