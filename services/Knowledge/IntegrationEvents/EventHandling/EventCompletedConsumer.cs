using CircularPlatform.Contracts.IntegrationEvents;
using CircularPlatform.Knowledge.Infrastructure;
using CircularPlatform.Knowledge.Model;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace CircularPlatform.Knowledge.IntegrationEvents.EventHandling;

/// <summary>
/// The event-to-knowledge loop: an event that took place opens a draft feedback article for its
/// organisers, pre-filled with what the club knows of it. One per event: the inbox drops a
/// redelivered message, the unique event column a replayed one.
/// </summary>
public sealed class EventCompletedConsumer(KnowledgeContext db, TimeProvider clock) : IConsumer<EventCompleted>
{
    public async Task Consume(ConsumeContext<EventCompleted> context)
    {
        var completed = context.Message;
        if (await db.Articles.AnyAsync(a => a.FeedbackOfEventId == completed.EventId, context.CancellationToken))
        {
            return;
        }
        var content = EventFeedback.Draft(new CompletedEvent(
            completed.EventId,
            completed.Title?.Fr ?? "Événement du club",
            completed.Title?.En,
            completed.Kind,
            completed.Themes,
            completed.StartsAt,
            completed.Municipality,
            completed.AttendeeCount,
            completed.ConfirmedCount));
        var (article, revision) = Article.FeedbackDraft(completed.EventId, content, completed.OrganiserIds, clock.GetUtcNow().UtcDateTime);
        db.Articles.Add(article);
        db.Revisions.Add(revision);
        await db.SaveChangesAsync(context.CancellationToken);
    }
}
