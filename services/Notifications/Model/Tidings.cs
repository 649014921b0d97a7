namespace CircularPlatform.Notifications.Model;

/// <summary>What one fact tells: the kind, why (its cause, unique per member) and what it is about.</summary>
public sealed record Tidings(NotificationKind Kind, Topic Topic, string Cause, Guid? EventId = null, Guid? ArticleId = null, int? Position = null, string? Reason = null)
{
    public Notification For(Guid memberId, DateTime now) => Notification.For(memberId, Kind, Cause, now, EventId, Position, Reason, ArticleId);

    /// <summary>The email of these tidings to <paramref name="recipient"/>, leaving when their preferences let it.</summary>
    public Mail MailFor(Recipient recipient, DateTime now) =>
        Mail.For(recipient.MemberId, this, now, recipient.Preferences.EmailDueAt(Topic, now), recipient.Preferences.Digests(Topic));
}
