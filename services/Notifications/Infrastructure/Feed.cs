using CircularPlatform.Notifications.Model;
using Microsoft.EntityFrameworkCore;

namespace CircularPlatform.Notifications.Infrastructure;

/// <summary>What one fact tells: the kind, why (its cause, unique per member) and what it is about.</summary>
public sealed record Tidings(NotificationKind Kind, Topic Topic, string Cause, Guid? EventId = null, Guid? ArticleId = null, int? Position = null, string? Reason = null)
{
    public Notification For(Guid memberId, DateTime now) => Notification.For(memberId, Kind, Cause, now, EventId, Position, Reason, ArticleId);
}

/// <summary>
/// Writes the members' feeds, within the consumer's transaction (the inbox's): a fact's
/// notifications are stored with the record that it was handled, or not at all. Whoever was told
/// of a cause already is skipped, so a replay under a new message id tells nobody twice, and the
/// database's unique (cause, member) stops two replicas racing.
/// </summary>
public static class Feed
{
    /// <summary>Rows per insert of a fan-out: one round trip per thousand members, not per member.</summary>
    public const int BatchSize = 1_000;

    /// <summary>Tells one member, if their preferences let this topic through; saves whatever the consumer changed too.</summary>
    public static async Task TellAsync(NotificationsContext db, TimeProvider clock, Guid memberId, Tidings tidings, CancellationToken cancellationToken)
    {
        var recipient = await db.Recipients.AsNoTracking().FirstOrDefaultAsync(r => r.MemberId == memberId, cancellationToken);
        // A registration fact may overtake the member's copy (separate queues): Events only
        // registers approved members, so one not known yet hears it with the usual preferences.
        var channels = recipient is null ? Channels.InApp : Audience.For(recipient, tidings.Topic, []);
        if (channels.HasFlag(Channels.InApp)
            && !await db.Notifications.AnyAsync(n => n.Cause == tidings.Cause && n.MemberId == memberId, cancellationToken))
        {
            db.Notifications.Add(tidings.For(memberId, clock.GetUtcNow().UtcDateTime));
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Tells every member of <paramref name="audience"/> whom the rules let hear it, in batches;
    /// returns how many were told now.
    /// </summary>
    public static async Task<int> TellAsync(
        NotificationsContext db, TimeProvider clock, IQueryable<Recipient> audience, IReadOnlyCollection<string> themes, Tidings tidings, CancellationToken cancellationToken)
    {
        var told = (await db.Notifications.AsNoTracking().Where(n => n.Cause == tidings.Cause).Select(n => n.MemberId).ToListAsync(cancellationToken)).ToHashSet();
        var candidates = await audience.AsNoTracking().ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var count = 0;
        foreach (var batch in candidates
            .Where(r => !told.Contains(r.MemberId) && Audience.For(r, tidings.Topic, themes).HasFlag(Channels.InApp))
            .Chunk(BatchSize))
        {
            db.Notifications.AddRange(batch.Select(r => tidings.For(r.MemberId, now)));
            await db.SaveChangesAsync(cancellationToken);
            // Saved (in the transaction): nothing more to track, and tracking ten thousand rows
            // would make every later save of this fact slower.
            db.ChangeTracker.Clear();
            count += batch.Length;
        }
        return count;
    }
}
