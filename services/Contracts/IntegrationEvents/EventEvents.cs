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
    public string? Address { get; init; }
    /// <summary>The link of an online or hybrid event.</summary>
    public string? OnlineUrl { get; init; }
    public DateTimeOffset? RegistrationClosesAt { get; init; }
    /// <summary>What visitors must know before coming (protective equipment, accessibility), for reminders.</summary>
    public BilingualText? PracticalInformation { get; init; }
}

/// <summary>A scheduled event moved in time or place; its registrations are kept.</summary>
public sealed record EventRescheduled : IntegrationEvent
{
    public required Guid EventId { get; init; }
    public required BilingualText Title { get; init; }
    public required DateTimeOffset StartsAt { get; init; }
    public required DateTimeOffset EndsAt { get; init; }
    public string? Municipality { get; init; }
    public string? Venue { get; init; }
    public string? Address { get; init; }
    public string? OnlineUrl { get; init; }
    /// <summary>Grows with every reschedule: a consumer keeps the highest it has seen.</summary>
    public int Sequence { get; init; }
}

/// <summary>An event was called off; every registration to it ends with it (no RegistrationCancelled for each).</summary>
public sealed record EventCancelled : IntegrationEvent
{
    public required Guid EventId { get; init; }
    public required BilingualText Title { get; init; }
    public string? Reason { get; init; }
    public DateTimeOffset? StartsAt { get; init; }
}

/// <summary>An event took place; its attendance is final.</summary>
public sealed record EventCompleted : IntegrationEvent
{
    public required Guid EventId { get; init; }
    /// <summary>Members checked in at the door.</summary>
    public int AttendeeCount { get; init; }
    /// <summary>Members who held a confirmed seat when the event was completed.</summary>
    public int ConfirmedCount { get; init; }
    public BilingualText? Title { get; init; }
    public string? Kind { get; init; }
    public IReadOnlyList<string> Themes { get; init; } = [];
    public DateTimeOffset? StartsAt { get; init; }
    public DateTimeOffset? EndsAt { get; init; }
    public string? Municipality { get; init; }
    /// <summary>The members who organised it (for the feedback they are asked to write).</summary>
    public IReadOnlyList<Guid> OrganiserIds { get; init; } = [];
}
