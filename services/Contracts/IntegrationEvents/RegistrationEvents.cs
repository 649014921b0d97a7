namespace CircularPlatform.Contracts.IntegrationEvents;

public sealed record RegistrationConfirmed : IntegrationEvent
{
    public required Guid RegistrationId { get; init; }
    public required Guid EventId { get; init; }
    public required Guid MemberId { get; init; }
}

public sealed record RegistrationWaitlisted : IntegrationEvent
{
    public required Guid RegistrationId { get; init; }
    public required Guid EventId { get; init; }
    public required Guid MemberId { get; init; }
    public int Position { get; init; }
}

/// <summary>A place freed up and a waitlisted member now has a seat.</summary>
public sealed record RegistrationPromoted : IntegrationEvent
{
    public required Guid RegistrationId { get; init; }
    public required Guid EventId { get; init; }
    public required Guid MemberId { get; init; }
}

/// <summary>A member's place was given up; an event's own cancellation is told by EventCancelled instead.</summary>
public sealed record RegistrationCancelled : IntegrationEvent
{
    public required Guid RegistrationId { get; init; }
    public required Guid EventId { get; init; }
    public required Guid MemberId { get; init; }
    /// <summary>"member" (they gave it up) or "member-left" (they left the club or were suspended).</summary>
    public string? Reason { get; init; }
}
