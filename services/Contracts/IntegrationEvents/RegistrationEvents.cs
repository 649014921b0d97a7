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

public sealed record RegistrationCancelled : IntegrationEvent
{
    public required Guid RegistrationId { get; init; }
    public required Guid EventId { get; init; }
    public required Guid MemberId { get; init; }
}
