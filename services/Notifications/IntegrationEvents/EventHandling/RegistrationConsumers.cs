using CircularPlatform.Contracts.IntegrationEvents;
using CircularPlatform.Notifications.Infrastructure;
using CircularPlatform.Notifications.Model;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace CircularPlatform.Notifications.IntegrationEvents.EventHandling;

/// <summary>A seat: the member is told it is theirs.</summary>
public sealed class RegistrationConfirmedConsumer(NotificationsContext db, TimeProvider clock) : IConsumer<RegistrationConfirmed>
{
    public Task Consume(ConsumeContext<RegistrationConfirmed> context) => Feed.TellAsync(db, clock, context.Message.MemberId,
        NotificationKind.RegistrationConfirmed, $"registration-confirmed:{context.Message.RegistrationId}:{context.Message.OccurredAt.UtcTicks}", context.Message.EventId, context.CancellationToken);
}

/// <summary>The waitlist: the member is told their position.</summary>
public sealed class RegistrationWaitlistedConsumer(NotificationsContext db, TimeProvider clock) : IConsumer<RegistrationWaitlisted>
{
    public Task Consume(ConsumeContext<RegistrationWaitlisted> context) => Feed.TellAsync(db, clock, context.Message.MemberId,
        NotificationKind.RegistrationWaitlisted, $"registration-waitlisted:{context.Message.RegistrationId}:{context.Message.OccurredAt.UtcTicks}", context.Message.EventId,
        context.CancellationToken, position: context.Message.Position);
}

/// <summary>A seat freed up for a waitlisted member.</summary>
public sealed class RegistrationPromotedConsumer(NotificationsContext db, TimeProvider clock) : IConsumer<RegistrationPromoted>
{
    public Task Consume(ConsumeContext<RegistrationPromoted> context) => Feed.TellAsync(db, clock, context.Message.MemberId,
        NotificationKind.RegistrationPromoted, $"registration-promoted:{context.Message.RegistrationId}:{context.Message.OccurredAt.UtcTicks}", context.Message.EventId, context.CancellationToken);
}

/// <summary>A place given up; one who left the club is not written to any more.</summary>
public sealed class RegistrationCancelledConsumer(NotificationsContext db, TimeProvider clock) : IConsumer<RegistrationCancelled>
{
    public Task Consume(ConsumeContext<RegistrationCancelled> context) => context.Message.Reason == "member-left"
        ? Task.CompletedTask
        : Feed.TellAsync(db, clock, context.Message.MemberId, NotificationKind.RegistrationCancelled,
            $"registration-cancelled:{context.Message.RegistrationId}:{context.Message.OccurredAt.UtcTicks}", context.Message.EventId, context.CancellationToken);
}

/// <remarks>
/// A member may register, give up and register again for one event: each fact's own time is in its
/// cause, so each is told once, and a replay of the same fact (the same time) is not told again.
/// </remarks>
internal static class Feed
{
    /// <summary>Adds the notification unless this member was already told of this cause (a replay); saved with the inbox's record.</summary>
    public static async Task TellAsync(
        NotificationsContext db, TimeProvider clock, Guid memberId, NotificationKind kind, string cause, Guid? eventId, CancellationToken cancellationToken,
        int? position = null, string? reason = null)
    {
        if (await db.Notifications.AnyAsync(n => n.MemberId == memberId && n.Cause == cause, cancellationToken))
        {
            return;
        }
        db.Notifications.Add(Notification.For(memberId, kind, cause, clock.GetUtcNow().UtcDateTime, eventId, position, reason));
        await db.SaveChangesAsync(cancellationToken);
    }
}
