namespace CircularPlatform.Events.Model;

/// <summary>
/// A conference, round table, project presentation, site visit or workshop of the club.
/// Times are kept in UTC; people see them in Europe/Paris.
/// </summary>
public sealed class ClubEvent
{
    private ClubEvent()
    {
    }

    public Guid Id { get; private set; }
    public string TitleFr { get; private set; } = string.Empty;
    public string? TitleEn { get; private set; }
    public string? DescriptionFr { get; private set; }
    public string? DescriptionEn { get; private set; }
    public string Kind { get; private set; } = string.Empty;
    public List<string> Themes { get; private set; } = [];
    public DateTime StartsAt { get; private set; }
    public DateTime EndsAt { get; private set; }
    /// <summary>Official name of the CALL municipality, when the event takes place on the territory.</summary>
    public string? Municipality { get; private set; }
    public string? Venue { get; private set; }
    public int? Capacity { get; private set; }
    public EventStatus Status { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? ScheduledAt { get; private set; }

    /// <summary>Puts a validated event straight onto the club's calendar.</summary>
    public static ClubEvent Schedule(EventDetails details, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(),
        TitleFr = details.TitleFr,
        TitleEn = details.TitleEn,
        DescriptionFr = details.DescriptionFr,
        DescriptionEn = details.DescriptionEn,
        Kind = details.Kind,
        Themes = [.. details.Themes],
        StartsAt = details.StartsAt,
        EndsAt = details.EndsAt,
        Municipality = details.Municipality,
        Venue = details.Venue,
        Capacity = details.Capacity,
        Status = EventStatus.Scheduled,
        CreatedAt = now,
        ScheduledAt = now,
    };
}
