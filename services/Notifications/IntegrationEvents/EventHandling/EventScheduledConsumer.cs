using CircularPlatform.Contracts.IntegrationEvents;
using CircularPlatform.Notifications.Infrastructure;
using CircularPlatform.Notifications.Model;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace CircularPlatform.Notifications.IntegrationEvents.EventHandling;

/// <summary>Announces every event put on the club's calendar.</summary>
public sealed class EventScheduledConsumer(NotificationsContext db, TimeProvider clock) : IConsumer<EventScheduled>
{
    public async Task Consume(ConsumeContext<EventScheduled> context)
    {
        var scheduled = context.Message;
        // An event is announced once, however often the fact reaches us.
        if (await db.Announcements.AnyAsync(a => a.EventId == scheduled.EventId, context.CancellationToken))
        {
            return;
        }

        db.Announcements.Add(Announcement.ForScheduledEvent(
            scheduled.EventId, scheduled.Title.Fr, scheduled.Title.En, scheduled.Kind, scheduled.Themes,
            scheduled.StartsAt.UtcDateTime, scheduled.EndsAt.UtcDateTime, scheduled.Municipality, scheduled.Venue,
            clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(context.CancellationToken);
    }
}
