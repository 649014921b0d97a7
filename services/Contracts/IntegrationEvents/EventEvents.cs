namespace CircularPlatform.Contracts.IntegrationEvents;

/// <summary>An event of the club was put on the calendar and is open to members.</summary>
public sealed record EventScheduled : IntegrationEvent
{
    public required Guid EventId { get; init; }
    public required BilingualText Title { get; init; }
    /// <summary>One of <see cref="EventKinds"/>: conference, round-table, …</summary>
    public required string Kind { get; init; }
    /// <summary>Theme slugs from <see cref="Themes"/>.</summary>
    public required IReadOnlyList<string> Themes { get; init; }
    public required DateTimeOffset StartsAt { get; init; }
    public required DateTimeOffset EndsAt { get; init; }
    /// <summary>The CALL municipality where it takes place, if it takes place on the territory.</summary>
    public string? Municipality { get; init; }
    public string? Venue { get; init; }
    public int? Capacity { get; init; }
}

public sealed record EventRescheduled : IntegrationEvent
{
    public required Guid EventId { get; init; }
    public required BilingualText Title { get; init; }
    public required DateTimeOffset StartsAt { get; init; }
    public required DateTimeOffset EndsAt { get; init; }
    public string? Municipality { get; init; }
    public string? Venue { get; init; }
}

public sealed record EventCancelled : IntegrationEvent
{
    public required Guid EventId { get; init; }
    public required BilingualText Title { get; init; }
    public string? Reason { get; init; }
}

public sealed record EventCompleted : IntegrationEvent
{
    public required Guid EventId { get; init; }
    public int AttendeeCount { get; init; }
}
