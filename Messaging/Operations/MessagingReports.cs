using System.Text.Json.Serialization;

namespace CircularPlatform.Messaging.Operations;

/// <summary>What <c>GET /ops/messaging</c> answers.</summary>
/// <param name="Outbox">Null when this service has no outbox.</param>
/// <param name="Queues">Empty while the broker cannot be reached.</param>
internal sealed record MessagingStatusReport(
    BrokerReport Broker,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] OutboxReport? Outbox,
    IReadOnlyList<QueueReport> Queues);

/// <param name="Problem">Why the broker could not be reached, when it could not.</param>
internal sealed record BrokerReport(bool Reachable, string? Problem);

/// <param name="OldestUnsentAgeSeconds">Written as null rather than left out, so that ops scripts always find the field.</param>
internal sealed record OutboxReport(
    int Backlog,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? OldestUnsentAgeSeconds,
    int Dead);

/// <param name="Declared">False when the broker does not know the queue yet (its consumer never started).</param>
internal sealed record QueueReport(string Name, bool Declared, long Messages, long Consumers, long ErrorMessages, long SkippedMessages);

/// <summary>What a replay answers.</summary>
internal sealed record ReplayReport(int Moved);
