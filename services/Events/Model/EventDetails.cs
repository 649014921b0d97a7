namespace CircularPlatform.Events.Model;

/// <summary>What an organiser says about an event, already checked against the club's rules.</summary>
public sealed record EventDetails
{
    public required string TitleFr { get; init; }
    public string? TitleEn { get; init; }
    public string? DescriptionFr { get; init; }
    public string? DescriptionEn { get; init; }
    public required string Kind { get; init; }
    public required IReadOnlyList<string> Themes { get; init; }
    public required DateTime StartsAt { get; init; }
    public required DateTime EndsAt { get; init; }
    public EventPlace Place { get; init; } = new();
    public int? Capacity { get; init; }
    public DateTime? RegistrationOpensAt { get; init; }
    public DateTime? RegistrationClosesAt { get; init; }
    public IReadOnlyList<EventPerson> Organisers { get; init; } = [];
    public IReadOnlyList<EventPerson> Speakers { get; init; } = [];
    public IReadOnlyList<AgendaItem> Agenda { get; init; } = [];
    public PracticalInformation? Practical { get; init; }
}

/// <summary>
/// Where an event happens: a venue (with its address and, on the territory, its CALL municipality),
/// an online link, or both for a hybrid event.
/// </summary>
public sealed record EventPlace
{
    public string? Venue { get; init; }
    public string? Address { get; init; }
    /// <summary>Official name of the CALL municipality, when the event takes place on the territory.</summary>
    public string? Municipality { get; init; }
    public string? OnlineUrl { get; init; }

    public bool InPerson => Venue is not null || Municipality is not null;

    public EventFormat Format => (InPerson, OnlineUrl is not null) switch
    {
        (true, true) => EventFormat.Hybrid,
        (false, true) => EventFormat.Online,
        _ => EventFormat.InPerson,
    };
}

public enum EventFormat
{
    InPerson,
    Online,
    Hybrid,
}

/// <summary>An organiser or a speaker as members read them on the event's page.</summary>
public sealed class EventPerson
{
    public required string Name { get; init; }
    public string? Organisation { get; init; }
    /// <summary>What they do at the event or where they work ("Responsable RSE"), free text.</summary>
    public string? Role { get; init; }
}

/// <summary>One part of the programme: when it starts, what it is, who leads it.</summary>
public sealed class AgendaItem
{
    public required DateTime StartsAt { get; init; }
    public required string TitleFr { get; init; }
    public string? TitleEn { get; init; }
    public string? Speaker { get; init; }
}

/// <summary>What a visitor must know before coming, above all to a working site.</summary>
public sealed class PracticalInformation
{
    public string? ProtectiveEquipmentFr { get; init; }
    public string? ProtectiveEquipmentEn { get; init; }
    public string? AccessibilityFr { get; init; }
    public string? AccessibilityEn { get; init; }
    public string? NotesFr { get; init; }
    public string? NotesEn { get; init; }
}
