using CircularPlatform.Messaging.Outbox;
using CircularPlatform.ServiceDefaults.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace CircularPlatform.Messaging.Inbox;

/// <summary>
/// The inbox of one service, in its own database. It shares the consumer's scope, hence the
/// consumer's DbContext: whatever the consumer saves, including outbox rows of events it
/// publishes in turn, commits in one transaction with the inbox record, or not at all.
/// </summary>
internal sealed class Inbox<TContext>(TContext db, OutboxMetrics metrics, TimeProvider clock, DatabaseWrites writes)
    : IConsumeOnce where TContext : DbContext
{
    public async Task ConsumeAsync<TMessage>(ConsumeContext<TMessage> context, IPipe<ConsumeContext<TMessage>> next) where TMessage : class
    {
        if (context.MessageId is not { } messageId)
        {
            // Without an id there is nothing to recognise a redelivery by; our own publishers always set one.
            await next.Send(context);
            return;
        }
        var consumer = context.ReceiveContext.InputAddress.AbsolutePath.Trim('/');
        var cancellationToken = context.CancellationToken;

        // A retry runs in the same scope: start from what is in the database, not from the failed attempt.
        db.ChangeTracker.Clear();
        await using var write = await writes.BeginAsync(db, cancellationToken);
        if (await db.Set<InboxMessage>().AnyAsync(m => m.MessageId == messageId && m.Consumer == consumer, cancellationToken))
        {
            metrics.DuplicateSkipped(consumer);
            // Handled, not unwanted: without this MassTransit would move the message to <queue>_skipped.
            await context.NotifyConsumed(context, TimeSpan.Zero, "inbox");
            return;
        }

        // If two deliveries race, the second insert of this key fails, the delivery is retried and
        // then finds the record: one effect either way.
        db.Set<InboxMessage>().Add(InboxMessage.Processed(messageId, consumer, clock.GetUtcNow().UtcDateTime));
        await next.Send(context);
        await db.SaveChangesAsync(cancellationToken);
        await write.CommitAsync(cancellationToken);
    }
}
