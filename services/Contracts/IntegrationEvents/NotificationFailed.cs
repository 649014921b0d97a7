namespace CircularPlatform.Contracts.IntegrationEvents;

/// <summary>A notification could not be delivered after its retries; ops and organisers need to know.</summary>
public sealed record NotificationFailed : IntegrationEvent
{
    public required Guid NotificationId { get; init; }
    public Guid? MemberId { get; init; }
    public required string Channel { get; init; }
    public required string Reason { get; init; }
}
