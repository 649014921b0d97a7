using CircularPlatform.Contracts.IntegrationEvents;
using CircularPlatform.Notifications.Infrastructure;
using CircularPlatform.Notifications.Model;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace CircularPlatform.Notifications.IntegrationEvents.EventHandling;

/// <summary>
/// A member approved by the club: from now on they may be told things, in their language, on
/// their themes; and they are welcomed, once, even if they are approved again after a suspension.
/// </summary>
public sealed class MemberJoinedConsumer(NotificationsContext db, TimeProvider clock) : IConsumer<MemberJoined>
{
    public async Task Consume(ConsumeContext<MemberJoined> context)
    {
        var recipient = await Recipients.FindOrAddAsync(db, context.Message.MemberId, context.CancellationToken);
        recipient.Joined(context.Message);
        await db.SaveChangesAsync(context.CancellationToken);
        await Feed.TellAsync(db, clock, recipient.MemberId, new Tidings(NotificationKind.Welcome, Topic.Welcome, "welcome"), context.CancellationToken);
    }
}

/// <summary>A new name, address, language, themes or preferences.</summary>
public sealed class MemberProfileChangedConsumer(NotificationsContext db) : IConsumer<MemberProfileChanged>
{
    public async Task Consume(ConsumeContext<MemberProfileChanged> context)
    {
        var recipient = await Recipients.FindOrAddAsync(db, context.Message.MemberId, context.CancellationToken);
        recipient.ProfileChanged(context.Message);
        await db.SaveChangesAsync(context.CancellationToken);
    }
}

/// <summary>Suspended or gone: told nothing more; on erasure, nothing personal kept.</summary>
public sealed class MemberLeftConsumer(NotificationsContext db, TimeProvider clock) : IConsumer<MemberLeft>
{
    public async Task Consume(ConsumeContext<MemberLeft> context)
    {
        var recipient = await Recipients.FindOrAddAsync(db, context.Message.MemberId, context.CancellationToken);
        recipient.Left(context.Message);
        if (context.Message.Erased)
        {
            // Nothing more leaves for them, and what was sent no longer names them: in two
            // statements, however much mail they had.
            var now = clock.GetUtcNow().UtcDateTime;
            var memberId = recipient.MemberId;
            await db.Mails.Where(m => m.MemberId == memberId && m.SentAt == null && m.FailedAt == null && m.WithdrawnAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.WithdrawnAt, now), context.CancellationToken);
            await db.Mails.Where(m => m.MemberId == memberId)
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.To, (string?)null).SetProperty(m => m.DisplayName, (string?)null)
                    .SetProperty(m => m.Link, (string?)null).SetProperty(m => m.LastError, (string?)null), context.CancellationToken);
        }
        await db.SaveChangesAsync(context.CancellationToken);
    }
}

internal static class Recipients
{
    /// <summary>
    /// The copy of this member, new if none: a fact may come before the one that created the
    /// member at Members (separate queues). Two first facts at once both insert; the second
    /// fails on the key, is retried, and then finds the row.
    /// </summary>
    public static async Task<Recipient> FindOrAddAsync(NotificationsContext db, Guid memberId, CancellationToken cancellationToken)
    {
        if (await db.Recipients.FindAsync([memberId], cancellationToken) is { } known)
        {
            return known;
        }
        var unknown = Recipient.Unknown(memberId);
        db.Recipients.Add(unknown);
        return unknown;
    }
}
