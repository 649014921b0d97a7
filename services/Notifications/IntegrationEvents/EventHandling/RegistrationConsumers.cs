using CircularPlatform.Contracts.IntegrationEvents;
using CircularPlatform.Notifications.Infrastructure;
using CircularPlatform.Notifications.Model;
using MassTransit;

namespace CircularPlatform.Notifications.IntegrationEvents.EventHandling;

// A member may register, give up and register again for one event: each fact's own time is in its
// cause, so each is told once, and a replay of the same fact (the same time) is not told again.

/// <summary>A seat: the member is told it is theirs.</summary>
public sealed class RegistrationConfirmedConsumer(NotificationsContext db, TimeProvider clock) : IConsumer<RegistrationConfirmed>
{
    public async Task Consume(ConsumeContext<RegistrationConfirmed> context)
    {
        var fact = context.Message;
        await Registrants.KeepAsync(db, fact.RegistrationId, fact.EventId, fact.MemberId, RegistrantStatus.Confirmed, fact.OccurredAt, context.CancellationToken);
        await Feed.TellAsync(db, clock, fact.MemberId, new Tidings(NotificationKind.RegistrationConfirmed, Topic.RegistrationUpdate,
            $"registration-confirmed:{fact.RegistrationId}:{fact.OccurredAt.UtcTicks}", fact.EventId), context.CancellationToken);
    }
}

/// <summary>The waitlist: the member is told their position.</summary>
public sealed class RegistrationWaitlistedConsumer(NotificationsContext db, TimeProvider clock) : IConsumer<RegistrationWaitlisted>
{
    public async Task Consume(ConsumeContext<RegistrationWaitlisted> context)
    {
        var fact = context.Message;
        await Registrants.KeepAsync(db, fact.RegistrationId, fact.EventId, fact.MemberId, RegistrantStatus.Waitlisted, fact.OccurredAt, context.CancellationToken);
        await Feed.TellAsync(db, clock, fact.MemberId, new Tidings(NotificationKind.RegistrationWaitlisted, Topic.RegistrationUpdate,
            $"registration-waitlisted:{fact.RegistrationId}:{fact.OccurredAt.UtcTicks}", fact.EventId, Position: fact.Position), context.CancellationToken);
    }
}

/// <summary>A seat freed up for a waitlisted member.</summary>
public sealed class RegistrationPromotedConsumer(NotificationsContext db, TimeProvider clock) : IConsumer<RegistrationPromoted>
{
    public async Task Consume(ConsumeContext<RegistrationPromoted> context)
    {
        var fact = context.Message;
        await Registrants.KeepAsync(db, fact.RegistrationId, fact.EventId, fact.MemberId, RegistrantStatus.Confirmed, fact.OccurredAt, context.CancellationToken);
        await Feed.TellAsync(db, clock, fact.MemberId, new Tidings(NotificationKind.RegistrationPromoted, Topic.RegistrationUpdate,
            $"registration-promoted:{fact.RegistrationId}:{fact.OccurredAt.UtcTicks}", fact.EventId), context.CancellationToken);
    }
}

/// <summary>A place given up; one who left the club is not written to any more.</summary>
public sealed class RegistrationCancelledConsumer(NotificationsContext db, TimeProvider clock) : IConsumer<RegistrationCancelled>
{
    public async Task Consume(ConsumeContext<RegistrationCancelled> context)
    {
        var fact = context.Message;
        await Registrants.KeepAsync(db, fact.RegistrationId, fact.EventId, fact.MemberId, RegistrantStatus.Cancelled, fact.OccurredAt, context.CancellationToken);
        if (fact.Reason == "member-left")
        {
            await db.SaveChangesAsync(context.CancellationToken);
            return;
        }
        await Feed.TellAsync(db, clock, fact.MemberId, new Tidings(NotificationKind.RegistrationCancelled, Topic.RegistrationUpdate,
            $"registration-cancelled:{fact.RegistrationId}:{fact.OccurredAt.UtcTicks}", fact.EventId), context.CancellationToken);
    }
}

internal static class Registrants
{
    /// <summary>The copy of the registration takes the fact's status unless a newer one is known; saved with what the fact tells.</summary>
    public static async Task KeepAsync(
        NotificationsContext db, Guid registrationId, Guid eventId, Guid memberId, RegistrantStatus status, DateTimeOffset occurredAt, CancellationToken cancellationToken)
    {
        var registrant = await db.Registrants.FindAsync([registrationId], cancellationToken);
        if (registrant is null)
        {
            registrant = Registrant.New(registrationId, eventId, memberId);
            db.Registrants.Add(registrant);
        }
        registrant.Became(status, occurredAt);
    }
}
