namespace CircularPlatform.Notifications.Model;

/// <summary>
/// The club's public notice that an event was put on the calendar; every member sees it in the
/// portal whatever their preferences.
/// </summary>
public sealed class Announcement
{
    private Announcement()
    {
    }

    public Guid Id { get; private set; }
    /// <summary>One announcement per event: the event's id is unique here.</summary>
    public Guid EventId { get; private set; }
    public string TitleFr { get; private set; } = string.Empty;
    public string? TitleEn { get; private set; }
    public string Kind { get; private set; } = string.Empty;
    public List<string> Themes { get; private set; } = [];
    public DateTime StartsAt { get; private set; }
    public DateTime EndsAt { get; private set; }
    public string? Municipality { get; private set; }
    public string? Venue { get; private set; }
    public string? Address { get; private set; }
    public string? OnlineUrl { get; private set; }
    public DateTime AnnouncedAt { get; private set; }
    /// <summary>The highest reschedule seen: an older one arriving late changes nothing.</summary>
    public int Sequence { get; private set; }
    public DateTime? CancelledAt { get; private set; }
    public string? CancellationReason { get; private set; }
    /// <summary>What visitors must know before coming, told again in the reminder.</summary>
    public string? PracticalInformationFr { get; private set; }
    public string? PracticalInformationEn { get; private set; }
    /// <summary>
    /// When the reminder to its confirmed registrants is due, kept here so that a restart or a
    /// second replica neither loses nor doubles it; none once cancelled or reminded.
    /// </summary>
    public DateTime? ReminderDueAt { get; private set; }
    public DateTime? RemindedAt { get; private set; }

    /// <summary>The reminder's cause: one per time the event was set, so a move brings a new reminder.</summary>
    public string ReminderCause => $"event-reminder:{EventId}:{Sequence}";

    /// <summary>The reminder is due <paramref name="lead"/> before the start; an event that starts sooner than that is reminded at once.</summary>
    public void RemindBefore(TimeSpan lead)
    {
        if (CancelledAt is not null)
        {
            return;
        }
        ReminderDueAt = StartsAt - lead;
        RemindedAt = null;
    }

    public void Reminded(DateTime now)
    {
        RemindedAt = now;
        ReminderDueAt = null;
    }

    public void PracticalInformation(string? fr, string? en) => (PracticalInformationFr, PracticalInformationEn) = (fr, en);

    /// <summary>A new time or place, unless a later reschedule was seen first.</summary>
    public bool Rescheduled(int sequence, string titleFr, string? titleEn, DateTime startsAt, DateTime endsAt, string? municipality, string? venue, string? address, string? onlineUrl)
    {
        if (sequence <= Sequence)
        {
            return false;
        }
        (Sequence, TitleFr, TitleEn, StartsAt, EndsAt, Municipality, Venue, Address, OnlineUrl) =
            (sequence, titleFr, titleEn, startsAt, endsAt, municipality, venue, address, onlineUrl);
        return true;
    }

    public void Cancelled(string? reason, DateTime at)
    {
        ReminderDueAt = null;
        CancelledAt ??= at;
        CancellationReason ??= reason;
    }

    public static Announcement ForScheduledEvent(
        Guid eventId, string titleFr, string? titleEn, string kind, IEnumerable<string> themes,
        DateTime startsAt, DateTime endsAt, string? municipality, string? venue, DateTime now, string? address = null, string? onlineUrl = null) => new()
    {
        Id = Guid.CreateVersion7(),
        EventId = eventId,
        TitleFr = titleFr,
        TitleEn = titleEn,
        Kind = kind,
        Themes = [.. themes],
        StartsAt = startsAt,
        EndsAt = endsAt,
        Municipality = municipality,
        Venue = venue,
        Address = address,
        OnlineUrl = onlineUrl,
        AnnouncedAt = now,
    };
}
