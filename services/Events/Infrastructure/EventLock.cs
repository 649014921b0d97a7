using CircularPlatform.Events.IntegrationEvents;
using CircularPlatform.Events.Model;
using CircularPlatform.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace CircularPlatform.Events.Infrastructure;

/// <summary>
/// Everything that changes who has a seat — registering, cancelling, promoting, a new capacity,
/// checking in — runs here, one at a time per event, whatever the number of replicas: the first
/// statement of the transaction writes the event's row, which PostgreSQL then keeps locked for the
/// others until the commit, and which on SQLite takes the database's write lock. Only then is the
/// event read, so the counters seen are the ones the write will change.
/// </summary>
public sealed class EventLock(EventsContext db, DatabaseWrites writes)
{
    /// <summary>
    /// The event, locked and tracked, in the open scope to commit; its <see cref="LockedEvent.Event"/>
    /// is null when there is no such event. Not an async method on purpose: the scope begins in the
    /// caller's flow (see <see cref="DatabaseWrites.BeginAsync"/>), and the caller disposes it in
    /// that flow too, whatever was found.
    /// </summary>
    public Task<LockedEvent> TakeAsync(Guid eventId, CancellationToken cancellationToken) =>
        LockAsync(writes.BeginAsync(db, cancellationToken), eventId, cancellationToken);

    private async Task<LockedEvent> LockAsync(Task<WriteScope> beginning, Guid eventId, CancellationToken cancellationToken)
    {
        var scope = await beginning;
        try
        {
            // A write that changes nothing but takes the row's lock: portable, no provider's hint.
            var locked = await db.Events.Where(e => e.Id == eventId)
                .ExecuteUpdateAsync(set => set.SetProperty(e => e.LastArrival, e => e.LastArrival), cancellationToken);
            var found = locked == 0 ? null : await db.Events.FirstOrDefaultAsync(e => e.Id == eventId, cancellationToken);
            return new LockedEvent(found, scope);
        }
        catch
        {
            // The caller never receives the scope: close it here (a failed request writes nothing after this).
            await scope.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Gives the first of the waitlist the seats now free, in arrival order, and tells each of
    /// them (RegistrationPromoted, through the outbox with the change).
    /// </summary>
    public async Task PromoteAsync(ClubEvent clubEvent, DateTime now, CancellationToken cancellationToken)
    {
        var seats = clubEvent.SeatsToOffer;
        if (seats == 0)
        {
            return;
        }
        var next = await db.Registrations
            .Where(r => r.EventId == clubEvent.Id && r.Status == RegistrationStatus.Waitlisted)
            .OrderBy(r => r.Arrival)
            .Take(seats)
            .ToListAsync(cancellationToken);
        foreach (var registration in next)
        {
            registration.Promote(clubEvent, now);
            db.AddIntegrationEvent(EventFacts.Promoted(registration));
        }
    }

    /// <summary>A place given up (by the member, or because they left): announced, and the seat goes on to the waitlist.</summary>
    public async Task WithdrawAsync(ClubEvent clubEvent, Registration registration, CancellationCause cause, DateTime now, CancellationToken cancellationToken)
    {
        registration.Cancel(clubEvent, cause, now);
        db.AddIntegrationEvent(EventFacts.Cancelled(registration));
        await PromoteAsync(clubEvent, now, cancellationToken);
    }
}

/// <summary>An event under its lock, or none; disposing it without a commit rolls everything back.</summary>
public sealed class LockedEvent(ClubEvent? clubEvent, WriteScope scope) : IAsyncDisposable
{
    public ClubEvent? Event { get; } = clubEvent;

    public Task CommitAsync(CancellationToken cancellationToken) => scope.CommitAsync(cancellationToken);

    public ValueTask DisposeAsync() => scope.DisposeAsync();
}
