namespace CircularPlatform.Notifications.Model;

public enum NotificationKind
{
    Welcome,
    EventAnnounced,
    EventRescheduled,
    EventCancelled,
    RegistrationConfirmed,
    RegistrationWaitlisted,
    RegistrationPromoted,
    RegistrationCancelled,
    ArticlePublished,
    EventReminder,
    EmailVerification,
    PasswordReset,
}

/// <summary>
/// One thing a member is told, in their feed. What it says is written when it is read, in the
/// reader's language and with the event as it now stands; what is stored is why it was sent.
/// </summary>
public sealed class Notification
{
    private Notification()
    {
    }

    public Guid Id { get; private set; }
    public Guid MemberId { get; private set; }
    public NotificationKind Kind { get; private set; }
    /// <summary>
    /// What caused it, e.g. <c>registration-confirmed:{registration id}</c>: unique per member, so that
    /// a redelivered or replayed fact, or two replicas, never tell the same person the same thing twice.
    /// </summary>
    public string Cause { get; private set; } = string.Empty;
    public Guid? EventId { get; private set; }
    public Guid? ArticleId { get; private set; }
    /// <summary>On the waitlist: the position the member was given.</summary>
    public int? Position { get; private set; }
    /// <summary>Why an event was cancelled, as its organisers said.</summary>
    public string? Reason { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? ReadAt { get; private set; }

    public static Notification For(Guid memberId, NotificationKind kind, string cause, DateTime now, Guid? eventId = null, int? position = null, string? reason = null, Guid? articleId = null) => new()
    {
        ArticleId = articleId,
        Id = Guid.CreateVersion7(),
        MemberId = memberId,
        Kind = kind,
        Cause = cause,
        EventId = eventId,
        Position = position,
        Reason = reason,
        CreatedAt = now,
    };

    public void Read(DateTime now) => ReadAt ??= now;
}
