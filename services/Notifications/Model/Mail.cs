namespace CircularPlatform.Notifications.Model;

/// <summary>
/// One email to one member for one cause: stored in the same transaction as the fact that caused
/// it, then sent by the postman when due (at once, at the end of quiet hours, or with the day's
/// digest). Like the feed, it is unique per member and cause, so no replay or replica sends the
/// same person the same email twice. What it says is written when it leaves, in the member's
/// language and with the event as it then stands.
/// </summary>
public sealed class Mail
{
    private Mail()
    {
    }

    public Guid Id { get; private set; }
    public Guid MemberId { get; private set; }
    public NotificationKind Kind { get; private set; }
    public Topic Topic { get; private set; }
    /// <summary>The same cause as the notification in the feed, e.g. <c>event-announced:{event id}</c>.</summary>
    public string Cause { get; private set; } = string.Empty;
    public Guid? EventId { get; private set; }
    public Guid? ArticleId { get; private set; }
    public int? Position { get; private set; }
    public string? Reason { get; private set; }

    /// <summary>
    /// Account mail only (verification, password reset): the address, name and language the
    /// request named, since the person may not be a member yet, and the link with its expiry.
    /// Other mail goes to the member's address as Members last told it.
    /// </summary>
    public string? To { get; private set; }
    public string? DisplayName { get; private set; }
    public string? Language { get; private set; }
    public string? Link { get; private set; }
    public DateTime? LinkExpiresAt { get; private set; }

    /// <summary>Gathered with the member's other digest mail into one email a day.</summary>
    public bool Digest { get; private set; }
    public DateTime CreatedAt { get; private set; }
    /// <summary>The trace of the fact that caused it (W3C traceparent), which its sending links to.</summary>
    public string? TraceParent { get; private set; }
    /// <summary>When it may leave next: its first due time, then each retry's.</summary>
    public DateTime DueAt { get; private set; }
    public int Attempts { get; private set; }
    public string? LastError { get; private set; }
    /// <summary>When it left; the postman marks a batch's sent mail at once (with the tries, and the link forgotten).</summary>
    public DateTime? SentAt { get; private set; }
    /// <summary>Given up on: sending failed too often, or for good (the address refused).</summary>
    public DateTime? FailedAt { get; private set; }
    /// <summary>Not sent because, by the time it was due, the member had left or turned it off.</summary>
    public DateTime? WithdrawnAt { get; private set; }

    public bool Pending => SentAt is null && FailedAt is null && WithdrawnAt is null;

    public static Mail For(Guid memberId, Tidings tidings, DateTime now, DateTime dueAt, bool digest) => new()
    {
        Id = Guid.CreateVersion7(),
        MemberId = memberId,
        Kind = tidings.Kind,
        Topic = tidings.Topic,
        Cause = tidings.Cause,
        EventId = tidings.EventId,
        ArticleId = tidings.ArticleId,
        Position = tidings.Position,
        Reason = tidings.Reason,
        Digest = digest,
        CreatedAt = now,
        DueAt = dueAt,
        TraceParent = System.Diagnostics.Activity.Current?.Id,
    };

    public static Mail ForAccount(
        Guid memberId, NotificationKind kind, string cause, string to, string displayName, string language, string link, DateTime expiresAt, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(),
        MemberId = memberId,
        Kind = kind,
        Topic = Topic.Account,
        Cause = cause,
        To = to,
        DisplayName = displayName,
        Language = language,
        Link = link,
        LinkExpiresAt = expiresAt,
        CreatedAt = now,
        DueAt = now,
        TraceParent = System.Diagnostics.Activity.Current?.Id,
    };

    /// <summary>
    /// A failed try: due again after <paramref name="retryIn"/>, or given up on when that was the
    /// last try or the failure is final. Returns whether it was given up on.
    /// </summary>
    public bool Failed(string error, DateTime now, TimeSpan? retryIn)
    {
        Attempts++;
        LastError = error.Length > 1_000 ? error[..1_000] : error;
        if (retryIn is { } delay)
        {
            DueAt = now + delay;
            return false;
        }
        FailedAt = now;
        Link = null;
        return true;
    }

    /// <summary>Not sent after all. An account link it carried is forgotten: it works only from the person's mailbox.</summary>
    public void Withdrawn(DateTime now)
    {
        WithdrawnAt = now;
        Link = null;
    }

    /// <summary>Ops fixed the cause of a failure: due again now, its tries counted afresh; returns whether it is.</summary>
    public bool Retry(DateTime now)
    {
        // Account mail is not sent again: its link is forgotten once given up on (the person asks anew).
        if (FailedAt is null || Topic == Topic.Account)
        {
            return false;
        }
        FailedAt = null;
        Attempts = 0;
        DueAt = now;
        return true;
    }

}
