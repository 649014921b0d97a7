using CircularPlatform.Notifications.Model;
using CircularPlatform.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace CircularPlatform.Notifications.Infrastructure;

/// <summary>
/// Tells members, within the consumer's transaction (the inbox's): a fact's notifications and
/// emails are stored with the record that it was handled, or not at all. Whoever was told of a
/// cause already, on a channel, is skipped on it, so a replay under a new message id tells nobody
/// twice, and the database's unique (cause, member) on each channel stops two replicas racing.
/// Emails are only stored here; the postman sends them when they are due.
/// </summary>
public static class Feed
{
    /// <summary>Rows per insert of a fan-out: one round trip per thousand members, not per member.</summary>
    public const int BatchSize = 1_000;

    /// <summary>Tells one member, on the channels their preferences let this topic through; saves whatever the consumer changed too.</summary>
    public static async Task TellAsync(NotificationsContext db, TimeProvider clock, Guid memberId, Tidings tidings, CancellationToken cancellationToken)
    {
        var recipient = await db.Recipients.AsNoTracking().FirstOrDefaultAsync(r => r.MemberId == memberId, cancellationToken);
        // A registration fact may overtake the member's copy (separate queues): Events only
        // registers approved members, so one not known yet hears it in the app (no address yet).
        var channels = recipient is null ? Channels.InApp : Audience.For(recipient, tidings.Topic, []);
        var now = clock.GetUtcNow().UtcDateTime;
        if (channels.HasFlag(Channels.InApp)
            && !await db.Notifications.AnyAsync(n => n.Cause == tidings.Cause && n.MemberId == memberId, cancellationToken))
        {
            db.Notifications.Add(tidings.For(memberId, now));
        }
        if (recipient is not null && channels.HasFlag(Channels.Email)
            && !await db.Mails.AnyAsync(m => m.Cause == tidings.Cause && m.MemberId == memberId, cancellationToken))
        {
            db.Mails.Add(tidings.MailFor(recipient, now));
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Tells every member of <paramref name="audience"/> whom the rules let hear it, in batches;
    /// returns how many were told now, on any channel.
    /// </summary>
    public static async Task<int> TellAsync(
        NotificationsContext db, TimeProvider clock, IQueryable<Recipient> audience, IReadOnlyCollection<string> themes, Tidings tidings, CancellationToken cancellationToken)
    {
        // Whatever the consumer changed before is saved first: the batches below bypass tracking.
        await db.SaveChangesAsync(cancellationToken);
        var told = (await db.Notifications.AsNoTracking().Where(n => n.Cause == tidings.Cause).Select(n => n.MemberId).ToListAsync(cancellationToken)).ToHashSet();
        var mailed = (await db.Mails.AsNoTracking().Where(m => m.Cause == tidings.Cause).Select(m => m.MemberId).ToListAsync(cancellationToken)).ToHashSet();
        var candidates = await audience.AsNoTracking().ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var count = 0;
        foreach (var batch in candidates
            .Select(r => (Recipient: r, Channels: Audience.For(r, tidings.Topic, themes)))
            .Select(c => (c.Recipient,
                InApp: c.Channels.HasFlag(Channels.InApp) && !told.Contains(c.Recipient.MemberId),
                Email: c.Channels.HasFlag(Channels.Email) && !mailed.Contains(c.Recipient.MemberId)))
            .Where(c => c.InApp || c.Email)
            .Chunk(BatchSize))
        {
            // Streamed on PostgreSQL (COPY), in the consumer's transaction; saved without being
            // tracked afterwards, since tracking ten thousand rows would slow every later save.
            await db.InsertAsync([.. batch.Where(c => c.InApp).Select(c => tidings.For(c.Recipient.MemberId, now))], cancellationToken);
            await db.InsertAsync([.. batch.Where(c => c.Email).Select(c => tidings.MailFor(c.Recipient, now))], cancellationToken);
            count += batch.Length;
        }
        return count;
    }
}
