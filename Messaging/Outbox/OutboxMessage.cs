namespace CircularPlatform.Messaging.Outbox;

/// <summary>
/// An integration event waiting to be published, stored in the service's own database in the same
/// SaveChanges as the change that caused it. Its id becomes the published MessageId, which is what
/// consumers' inboxes recognise when the same event reaches them twice.
/// </summary>
public sealed class OutboxMessage
{
    private OutboxMessage()
    {
    }

    public Guid Id { get; private set; }
    /// <summary>Type and assembly name of the contract type (it lives in the Contracts assembly).</summary>
    public string MessageType { get; private set; } = string.Empty;
    public string Body { get; private set; } = string.Empty;
    /// <summary>W3C trace context of the request that produced the event, so the trace continues through the relay.</summary>
    public string? TraceParent { get; private set; }
    public string? TraceState { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? SentAt { get; private set; }
    public int Attempts { get; private set; }
    public string? LastError { get; private set; }

    public static OutboxMessage Create(Guid id, Type messageType, string body, string? traceParent, string? traceState, DateTime now) => new()
    {
        Id = id,
        // Without the assembly version, so rows written before an upgrade of Contracts still resolve.
        MessageType = $"{messageType.FullName}, {messageType.Assembly.GetName().Name}",
        Body = body,
        TraceParent = traceParent,
        TraceState = traceState,
        CreatedAt = now,
    };

    public void MarkSent(DateTime now) => SentAt = now;

    /// <summary>The row itself cannot be published (unknown type, unreadable body); it is kept for ops.</summary>
    public void MarkUnpublishable(string reason)
    {
        Attempts++;
        LastError = reason.Length > 2000 ? reason[..2000] : reason;
    }
}
