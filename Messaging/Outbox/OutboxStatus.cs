namespace CircularPlatform.Messaging.Outbox;

/// <param name="Backlog">Integration events stored but not yet published.</param>
/// <param name="OldestUnsentAgeSeconds">How long the oldest of them has waited; null when none waits.</param>
/// <param name="Dead">Rows the relay gave up on (unknown type, unreadable body) after repeated attempts.</param>
public sealed record OutboxStatus(int Backlog, double? OldestUnsentAgeSeconds, int Dead);

/// <summary>What ops see of a service's outbox.</summary>
public interface IOutboxStatusSource
{
    Task<OutboxStatus> GetStatusAsync(CancellationToken cancellationToken);
}
