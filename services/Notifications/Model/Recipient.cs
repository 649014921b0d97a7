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
    public Preferences Preferences { get; private set; } = new();

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
            Preferences = new Preferences();
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
        ProfileAsOf = asOf;
        // The topics chosen at Members, unless the member chose here since.
        if (asOf >= Preferences.TopicsAsOf)
        {
            Preferences.EventAnnouncements = preferences.EventAnnouncements;
            Preferences.RegistrationUpdates = preferences.RegistrationUpdates;
            Preferences.Articles = preferences.ArticleDigest;
            Preferences.TopicsAsOf = asOf;
        }
    }

    /// <summary>The member's own choice, made now: newer than every profile fact before it.</summary>
    public void Choose(Preferences chosen, DateTime now)
    {
        chosen.TopicsAsOf = now > Preferences.TopicsAsOf ? now : Preferences.TopicsAsOf;
        Preferences = chosen;
    }

    /// <summary>
    /// One-click unsubscribe from an email: that kind of email stops, nothing else changes — the app
    /// keeps telling, and a change to an event the member registered for still reaches them.
    /// </summary>
    public void Unsubscribe(UnsubscribeScope scope, DateTime now)
    {
        var next = Preferences.Copy();
        switch (scope)
        {
            case UnsubscribeScope.EventAnnouncements:
                next.EmailEventAnnouncements = false;
                break;
            case UnsubscribeScope.Articles:
                next.EmailArticles = false;
                break;
            case UnsubscribeScope.RegistrationUpdates:
                next.EmailRegistrationUpdates = false;
                break;
            case UnsubscribeScope.Digest:
                next.EmailEventAnnouncements = false;
                next.EmailArticles = false;
                break;
            default:
                next.Email = false;
                break;
        }
        Choose(next, now);
    }
}
