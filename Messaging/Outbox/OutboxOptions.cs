namespace CircularPlatform.Messaging.Outbox;

/// <summary>Configuration section "Messaging:Outbox".</summary>
public sealed class OutboxOptions
{
    /// <summary>How often the relay looks for rows when nothing woke it (rows of other replicas, retries).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
    public int BatchSize { get; set; } = 100;
    /// <summary>A publish that the broker has not confirmed by then counts as failed and is retried.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>The longest wait between attempts while the broker is unreachable.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>Sent rows are kept this long (for ops and investigations), then deleted.</summary>
    public TimeSpan SentRetention { get; set; } = TimeSpan.FromDays(7);
    /// <summary>Inbox records are kept this long; a redelivery older than that is not expected.</summary>
    public TimeSpan InboxRetention { get; set; } = TimeSpan.FromDays(14);
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromMinutes(10);
}
