namespace CircularPlatform.Contracts.IntegrationEvents;

/// <summary>
/// Every integration event is a fact that happened in one service. Contracts only grow:
/// fields are added, never renamed or removed, so older consumers keep working.
/// </summary>
public abstract record IntegrationEvent
{
    public DateTimeOffset OccurredAt { get; init; } = DateTimeOffset.UtcNow;
}
