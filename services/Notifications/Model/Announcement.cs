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
    public DateTime AnnouncedAt { get; private set; }

    public static Announcement ForScheduledEvent(
        Guid eventId, string titleFr, string? titleEn, string kind, IEnumerable<string> themes,
        DateTime startsAt, DateTime endsAt, string? municipality, string? venue, DateTime now) => new()
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
        AnnouncedAt = now,
    };
}
