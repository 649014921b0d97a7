namespace CircularPlatform.Messaging.Inbox;

/// <summary>
/// A message a consumer has already had its effect for, committed in the same transaction as the
/// effect: a second delivery of the same MessageId to the same consumer is recognised and skipped.
/// </summary>
public sealed class InboxMessage
{
    private InboxMessage()
    {
    }

    public Guid MessageId { get; private set; }
    /// <summary>The consumer's queue; one message may be consumed once by each of several consumers.</summary>
    public string Consumer { get; private set; } = string.Empty;
    public DateTime ProcessedAt { get; private set; }

    public static InboxMessage Processed(Guid messageId, string consumer, DateTime now) =>
        new() { MessageId = messageId, Consumer = consumer, ProcessedAt = now };
}
