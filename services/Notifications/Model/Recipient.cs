using CircularPlatform.Contracts.IntegrationEvents;

namespace CircularPlatform.Notifications.Model;

/// <summary>
/// A member as Notifications knows them: only what Members published (MemberJoined,
/// MemberProfileChanged, MemberLeft), so that nothing here ever has to ask Members. Those facts
/// travel on separate queues and may arrive in any order: each part of the copy keeps the time of
/// the fact it comes from, and an older fact never overwrites a newer one. Erasure is final.
/// </summary>
public sealed class Recipient
{
    private Recipient()
    {
    }

    public Guid MemberId { get; private set; }
    public string? DisplayName { get; private set; }
    public string? Email { get; private set; }
    /// <summary>"fr" or "en": the language of every message to them.</summary>
    public string Language { get; private set; } = "fr";
    public List<string> Themes { get; private set; } = [];
    public bool EventAnnouncements { get; private set; } = true;
    public bool RegistrationUpdates { get; private set; } = true;
    public bool ArticleDigest { get; private set; } = true;

    /// <summary>Approved and not gone: only active members are told anything.</summary>
    public bool Active { get; private set; }
    public bool Erased { get; private set; }
    /// <summary>When the profile copied here was true at Members.</summary>
    public DateTime ProfileAsOf { get; private set; }
    /// <summary>When the membership status copied here (joined, left) was true at Members.</summary>
    public DateTime StatusAsOf { get; private set; }

    public static Recipient Unknown(Guid memberId) => new() { MemberId = memberId, ProfileAsOf = DateTime.UnixEpoch, StatusAsOf = DateTime.UnixEpoch };

    public void Joined(MemberJoined joined)
    {
        var asOf = joined.OccurredAt.UtcDateTime;
        Profile(asOf, joined.DisplayName, joined.Email, joined.Language, joined.Themes, joined.Preferences);
        if (!Erased && asOf >= StatusAsOf)
        {
            Active = true;
            StatusAsOf = asOf;
        }
    }

    public void ProfileChanged(MemberProfileChanged changed) =>
        Profile(changed.OccurredAt.UtcDateTime, changed.DisplayName, changed.Email, changed.Language, changed.Themes, changed.Preferences);

    /// <summary>Suspended or gone: told nothing more. With erasure, nothing about them stays but the id and the fact.</summary>
    public void Left(MemberLeft left)
    {
        var asOf = left.OccurredAt.UtcDateTime;
        if (left.Erased)
        {
            Erased = true;
            Active = false;
            DisplayName = null;
            Email = null;
            Themes = [];
            Language = "fr";
            StatusAsOf = ProfileAsOf = asOf > StatusAsOf ? asOf : StatusAsOf;
            return;
        }
        if (asOf >= StatusAsOf)
        {
            Active = false;
            StatusAsOf = asOf;
        }
    }

    private void Profile(DateTime asOf, string displayName, string email, string language, IReadOnlyList<string> themes, NotificationPreferences preferences)
    {
        if (Erased || asOf < ProfileAsOf)
        {
            return;
        }
        DisplayName = displayName;
        Email = email;
        Language = language == "en" ? "en" : "fr";
        Themes = [.. themes];
        EventAnnouncements = preferences.EventAnnouncements;
        RegistrationUpdates = preferences.RegistrationUpdates;
        ArticleDigest = preferences.ArticleDigest;
        ProfileAsOf = asOf;
    }
}
