using CircularPlatform.Contracts.IntegrationEvents;
using CircularPlatform.Notifications.Infrastructure;
using CircularPlatform.Notifications.Model;
using CircularPlatform.Notifications.Infrastructure.Reminders;
using MassTransit;
using Microsoft.Extensions.Options;
using Microsoft.EntityFrameworkCore;

namespace CircularPlatform.Notifications.IntegrationEvents.EventHandling;

/// <summary>
/// Announces every event put on the club's calendar, and tells the members interested in one of
/// its themes (or in every event), in batches.
/// </summary>
public sealed class EventScheduledConsumer(NotificationsContext db, TimeProvider clock, IOptions<ReminderOptions> reminders) : IConsumer<EventScheduled>
{
    public async Task Consume(ConsumeContext<EventScheduled> context)
    {
        var scheduled = context.Message;
        var cancellationToken = context.CancellationToken;
        // An event is announced once, however often the fact reaches us.
        if (!await db.Announcements.AnyAsync(a => a.EventId == scheduled.EventId, cancellationToken))
        {
            var announcement = Announcement.ForScheduledEvent(
                scheduled.EventId, scheduled.Title.Fr, scheduled.Title.En, scheduled.Kind, scheduled.Themes,
                scheduled.StartsAt.UtcDateTime, scheduled.EndsAt.UtcDateTime, scheduled.Municipality, scheduled.Venue,
                clock.GetUtcNow().UtcDateTime, scheduled.Address, scheduled.OnlineUrl);
            announcement.PracticalInformation(scheduled.PracticalInformation?.Fr, scheduled.PracticalInformation?.En);
            announcement.RemindBefore(reminders.Value.Lead);
            db.Announcements.Add(announcement);
            await db.SaveChangesAsync(cancellationToken);
        }
        await Feed.TellAsync(db, clock,
            db.Recipients.Where(r => r.Active && r.Preferences.EventAnnouncements),
            scheduled.Themes,
            new Tidings(NotificationKind.EventAnnounced, Topic.EventAnnouncement, $"event-announced:{scheduled.EventId}", scheduled.EventId),
            cancellationToken);
    }
}

/// <summary>An event moved: everyone who holds a seat or waits for one is told, whatever their preferences.</summary>
public sealed class EventRescheduledConsumer(NotificationsContext db, TimeProvider clock, IOptions<ReminderOptions> reminders) : IConsumer<EventRescheduled>
{
    public async Task Consume(ConsumeContext<EventRescheduled> context)
    {
        var moved = context.Message;
        var cancellationToken = context.CancellationToken;
        var announcement = await db.Announcements.FirstOrDefaultAsync(a => a.EventId == moved.EventId, cancellationToken);
        if (announcement?.Rescheduled(moved.Sequence, moved.Title.Fr, moved.Title.En, moved.StartsAt.UtcDateTime, moved.EndsAt.UtcDateTime,
            moved.Municipality, moved.Venue, moved.Address, moved.OnlineUrl) == true)
        {
            // A new time: the reminder follows it, and is sent again if it was already.
            announcement.RemindBefore(reminders.Value.Lead);
        }
        await db.SaveChangesAsync(cancellationToken);
        await Feed.TellAsync(db, clock, Registered(db, moved.EventId), [],
            new Tidings(NotificationKind.EventRescheduled, Topic.EventChange, $"event-rescheduled:{moved.EventId}:{moved.Sequence}", moved.EventId),
            cancellationToken);
    }

    /// <summary>The members holding a seat at the event or waiting for one.</summary>
    internal static IQueryable<Recipient> Registered(NotificationsContext db, Guid eventId) =>
        db.Recipients.Where(r => db.Registrants.Any(g => g.EventId == eventId && g.Status != RegistrantStatus.Cancelled && g.MemberId == r.MemberId));
}

/// <summary>An event called off: its registrants and waitlist are told, with the organisers' reason.</summary>
public sealed class EventCancelledConsumer(NotificationsContext db, TimeProvider clock) : IConsumer<EventCancelled>
{
    public async Task Consume(ConsumeContext<EventCancelled> context)
    {
        var cancelled = context.Message;
        var cancellationToken = context.CancellationToken;
        var announcement = await db.Announcements.FirstOrDefaultAsync(a => a.EventId == cancelled.EventId, cancellationToken);
        announcement?.Cancelled(cancelled.Reason, cancelled.OccurredAt.UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        // Read before the registrations end with the event (EventCancelled stands for every RegistrationCancelled).
        await Feed.TellAsync(db, clock, EventRescheduledConsumer.Registered(db, cancelled.EventId), [],
            new Tidings(NotificationKind.EventCancelled, Topic.EventChange, $"event-cancelled:{cancelled.EventId}", cancelled.EventId, Reason: cancelled.Reason),
            cancellationToken);
        await db.Registrants.Where(g => g.EventId == cancelled.EventId && g.Status != RegistrantStatus.Cancelled)
            .ExecuteUpdateAsync(set => set.SetProperty(g => g.Status, RegistrantStatus.Cancelled), cancellationToken);
    }
}
