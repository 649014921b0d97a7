using CircularPlatform.Contracts.IntegrationEvents;
using CircularPlatform.Events.Infrastructure;
using CircularPlatform.Events.Model;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace CircularPlatform.Events.IntegrationEvents.EventHandling;

/// <summary>
/// A member who left or was suspended gives up their places at events still to come, and each seat
/// goes to the waitlist as if they had cancelled; past events keep their attendance. On erasure
/// nothing in Events leads back to them any more.
/// </summary>
public sealed class MemberLeftConsumer(EventsContext db, EventLock locks, TimeProvider clock) : IConsumer<MemberLeft>
{
    public async Task Consume(ConsumeContext<MemberLeft> context)
    {
        var left = context.Message;
        var cancellationToken = context.CancellationToken;
        var now = clock.GetUtcNow().UtcDateTime;

        var upcoming = await (
            from r in db.Registrations
            join e in db.Events on r.EventId equals e.Id
            where r.MemberId == left.MemberId
                && (r.Status == RegistrationStatus.Confirmed || r.Status == RegistrationStatus.Waitlisted)
                && e.Status == EventStatus.Scheduled && e.StartsAt > now
            select r.EventId).ToListAsync(cancellationToken);
        // One event's lock after the other, always in the same order, so that two of these never wait on each other.
        foreach (var eventId in upcoming.Order())
        {
            await using var locked = await locks.TakeAsync(eventId, cancellationToken);
            if (locked.Event is not { } clubEvent)
            {
                continue;
            }
            var held = await db.Registrations.FirstAsync(r => r.EventId == eventId && r.MemberId == left.MemberId, cancellationToken);
            await locks.WithdrawAsync(clubEvent, held, CancellationCause.MemberLeft, now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            // Inside the inbox's transaction this commits nothing yet: the inbox commits it all at once.
            await locked.CommitAsync(cancellationToken);
        }

        if (left.Erased)
        {
            foreach (var registration in await db.Registrations.Where(r => r.MemberId == left.MemberId).ToListAsync(cancellationToken))
            {
                registration.Anonymise();
            }
            await db.SaveChangesAsync(cancellationToken);
            await db.Events.Where(e => e.CreatedBy == left.MemberId)
                .ExecuteUpdateAsync(set => set.SetProperty(e => e.CreatedBy, (Guid?)null), cancellationToken);
        }
    }
}
