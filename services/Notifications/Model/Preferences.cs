using CircularPlatform.Contracts;

namespace CircularPlatform.Notifications.Model;

/// <summary>
/// How a member wants to be told things. The three topics start as the member chose them in their
/// profile at Members, and stay in step with it; a choice made here is newer than the profile
/// facts that came before it and is kept against them (the latest choice wins, wherever made).
/// </summary>
public sealed class Preferences
{
    public bool InApp { get; set; } = true;
    public bool Email { get; set; } = true;

    public bool EventAnnouncements { get; set; } = true;
    public bool RegistrationUpdates { get; set; } = true;
    public bool Articles { get; set; } = true;

    /// <summary>
    /// Emails of each topic, apart from the topic itself: a one-click unsubscribe turns these off,
    /// the app keeps telling. Only the member changes them (here, or by a link), never a profile fact.
    /// </summary>
    public bool EmailEventAnnouncements { get; set; } = true;
    public bool EmailArticles { get; set; } = true;
    public bool EmailRegistrationUpdates { get; set; } = true;

    /// <summary>Whether emails on <paramref name="topic"/> are wanted, the channel as a whole aside.</summary>
    public bool EmailsOn(Topic topic) => topic switch
    {
        Topic.EventAnnouncement => EmailEventAnnouncements,
        Topic.Article => EmailArticles,
        Topic.RegistrationUpdate => EmailRegistrationUpdates,
        _ => true,
    };

    /// <summary>Every event the club schedules, whatever its themes.</summary>
    public bool AllEvents { get; set; }

    /// <summary>Themes the member does not want to hear about, even if they are among their interests.</summary>
    public List<string> MutedThemes { get; set; } = [];

    /// <summary>Announcements and articles gathered in one email a day instead of one each.</summary>
    public bool DailyDigest { get; set; }

    /// <summary>Paris times between which no email is sent (e.g. 21:00 to 07:30, across midnight).</summary>
    public TimeOnly? QuietFrom { get; set; }
    public TimeOnly? QuietUntil { get; set; }

    /// <summary>When the topics were last chosen, here or at Members.</summary>
    public DateTime TopicsAsOf { get; set; } = DateTime.UnixEpoch;

    public Preferences Copy() => new()
    {
        InApp = InApp,
        Email = Email,
        EventAnnouncements = EventAnnouncements,
        RegistrationUpdates = RegistrationUpdates,
        Articles = Articles,
        AllEvents = AllEvents,
        EmailEventAnnouncements = EmailEventAnnouncements,
        EmailArticles = EmailArticles,
        EmailRegistrationUpdates = EmailRegistrationUpdates,
        MutedThemes = [.. MutedThemes],
        DailyDigest = DailyDigest,
        QuietFrom = QuietFrom,
        QuietUntil = QuietUntil,
        TopicsAsOf = TopicsAsOf,
    };

    /// <summary>The daily digest leaves at this Paris time (before the working day).</summary>
    public static readonly TimeOnly DigestTime = new(8, 0);

    /// <summary>Whether an email on this topic waits for the day's digest.</summary>
    public bool Digests(Topic topic) => DailyDigest && topic is Topic.EventAnnouncement or Topic.Article;

    /// <summary>
    /// When an email on <paramref name="topic"/> made at <paramref name="utcNow"/> may leave: now;
    /// announcements and articles at the next digest for those who asked for one; and never during
    /// quiet hours, but at their end. A change to an event the member registered for leaves at once,
    /// whatever the hour.
    /// </summary>
    public DateTime EmailDueAt(Topic topic, DateTime utcNow)
    {
        if (topic == Topic.EventChange)
        {
            return utcNow;
        }
        var due = Digests(topic) ? NextParis(utcNow, DigestTime, inclusive: true) : utcNow;
        return QuietFrom is { } from && QuietUntil is { } until && IsQuiet(ParisTime.FromUtc(due).TimeOfDay, from, until)
            ? NextParis(due, until, inclusive: false)
            : due;
    }

    private static bool IsQuiet(TimeSpan local, TimeOnly from, TimeOnly until)
    {
        var time = TimeOnly.FromTimeSpan(local);
        // 21:00–07:30 runs across midnight; 12:00–14:00 does not.
        return from <= until ? time >= from && time < until : time >= from || time < until;
    }

    /// <summary>The first instant at or after <paramref name="utc"/> when the Paris clock reads <paramref name="time"/>.</summary>
    private static DateTime NextParis(DateTime utc, TimeOnly time, bool inclusive)
    {
        var local = ParisTime.FromUtc(utc);
        for (var day = 0; day <= 2; day++)
        {
            var wallClock = local.Date.AddDays(day) + time.ToTimeSpan();
            // The night clocks go forward, a time that does not exist is met an hour later.
            while (ParisTime.Zone.IsInvalidTime(wallClock))
            {
                wallClock = wallClock.AddHours(1);
            }
            var candidate = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified), ParisTime.Zone);
            if (candidate > utc || (inclusive && candidate == utc))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException("Unreachable: a Paris time comes back every day.");
    }
}
