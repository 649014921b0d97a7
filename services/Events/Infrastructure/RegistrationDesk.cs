using System.Collections.Concurrent;
using System.Diagnostics;
using CircularPlatform.Events.IntegrationEvents;
using CircularPlatform.Events.Model;
using Microsoft.EntityFrameworkCore;

namespace CircularPlatform.Events.Infrastructure;

/// <summary>Who asks for a place, as their token names them.</summary>
public sealed record Applicant(Guid MemberId, string? DisplayName, string? Email);

public enum RegistrationOutcomeKind
{
    /// <summary>A new place: a seat, or the end of the waitlist.</summary>
    Taken,
    /// <summary>The member holds a place already: asking again changes nothing.</summary>
    AlreadyHeld,
    /// <summary>The event does not take registrations now; <see cref="RegistrationOutcome.Refusal"/> says why.</summary>
    Refused,
    /// <summary>No such event, or a draft.</summary>
    NoSuchEvent,
}

/// <summary>What the desk did with one applicant, with the event as it stood (for the answer).</summary>
public sealed record RegistrationOutcome(RegistrationOutcomeKind Kind, Registration? Registration = null, int? Position = null, ClubEvent? Event = null, string? Refusal = null);

/// <summary>
/// The registration desk of each event: when a popular event opens, the requests waiting for its
/// lock are served together, in arrival order, in one transaction under the lock
/// (<see cref="EventLock"/>): one lock, one read of the event, one query for who holds a place,
/// one commit for the lot. Seats and waitlist positions come out exactly as if each had been
/// served alone; a quiet event's batch is one request. Across replicas the event's row lock
/// still decides who goes first.
/// </summary>
/// <remarks>
/// A batch that fails (a constraint, a lost connection) is served again one applicant at a time,
/// so one bad request fails alone. A request abandoned after it reached the desk is still served,
/// like one whose answer was lost on the way: asking again answers the registration held.
/// </remarks>
public sealed class RegistrationDesk(IServiceScopeFactory scopes, TimeProvider clock, ILogger<RegistrationDesk> logger)
{
    /// <summary>At most this many applicants in one transaction: a bounded lock time for the others (withdrawals, check-ins).</summary>
    public const int MaxBatch = 100;

    public static readonly ActivitySource ActivitySource = new("CircularPlatform.Events.Registrations");

    private readonly ConcurrentDictionary<Guid, Queue> _queues = new();

    public Task<RegistrationOutcome> RegisterAsync(Guid eventId, Applicant applicant)
    {
        var waiting = new Waiting(applicant, new TaskCompletionSource<RegistrationOutcome>(TaskCreationOptions.RunContinuationsAsynchronously),
            Activity.Current?.Context ?? default);
        while (true)
        {
            var queue = _queues.GetOrAdd(eventId, static id => new Queue(id));
            lock (queue)
            {
                if (queue.Closed)
                {
                    // Emptied and removed meanwhile: the next GetOrAdd gives a new one.
                    continue;
                }
                queue.Items.Enqueue(waiting);
                if (!queue.Serving)
                {
                    queue.Serving = true;
                    // Its own flow: nothing of this request (its activity, a write scope's marks) goes with it.
                    using (ExecutionContext.SuppressFlow())
                    {
                        _ = Task.Run(() => ServeAsync(queue));
                    }
                }
            }
            return waiting.Done.Task;
        }
    }

    private async Task ServeAsync(Queue queue)
    {
        while (true)
        {
            List<Waiting> batch;
            lock (queue)
            {
                if (queue.Items.Count == 0)
                {
                    queue.Serving = false;
                    queue.Closed = true;
                    _queues.TryRemove(new KeyValuePair<Guid, Queue>(queue.EventId, queue));
                    return;
                }
                batch = [];
                while (batch.Count < MaxBatch && queue.Items.TryDequeue(out var next))
                {
                    batch.Add(next);
                }
            }
            await ServeBatchAsync(queue.EventId, batch);
        }
    }

    private async Task ServeBatchAsync(Guid eventId, List<Waiting> batch)
    {
        using var activity = ActivitySource.StartActivity(
            "registration desk", ActivityKind.Internal, parentContext: default,
            tags: [new("event.id", eventId.ToString()), new("registrations.batch", batch.Count)],
            links: batch.Where(w => w.Trace != default).Select(w => new ActivityLink(w.Trace)));
        try
        {
            var outcomes = await ServeTogetherAsync(eventId, batch);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.TrySetResult(outcomes[i]);
            }
        }
        catch (Exception e) when (batch.Count > 1)
        {
            logger.LogWarning(e, "A batch of {Count} registrations for event {EventId} failed; serving them one at a time.", batch.Count, eventId);
            foreach (var waiting in batch)
            {
                await ServeAloneAsync(eventId, waiting);
            }
        }
        catch (Exception e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            batch[0].Done.TrySetException(e);
        }
    }

    private async Task ServeAloneAsync(Guid eventId, Waiting waiting)
    {
        try
        {
            waiting.Done.TrySetResult((await ServeTogetherAsync(eventId, [waiting]))[0]);
        }
        catch (Exception e)
        {
            waiting.Done.TrySetException(e);
        }
    }

    private async Task<RegistrationOutcome[]> ServeTogetherAsync(Guid eventId, List<Waiting> batch)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EventsContext>();
        var locks = scope.ServiceProvider.GetRequiredService<EventLock>();
        var cancellationToken = CancellationToken.None;

        await using var locked = await locks.TakeAsync(eventId, cancellationToken);
        if (locked.Event is not { Status: not EventStatus.Draft } clubEvent)
        {
            return [.. batch.Select(_ => new RegistrationOutcome(RegistrationOutcomeKind.NoSuchEvent))];
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var refusal = clubEvent.RegistrationRefusal(now);
        var members = batch.Select(w => w.Applicant.MemberId).Distinct().ToList();
        var held = await db.Registrations
            .Where(r => r.EventId == eventId && members.Contains(r.MemberId))
            .ToDictionaryAsync(r => r.MemberId, cancellationToken);

        var outcomes = new RegistrationOutcome[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var applicant = batch[i].Applicant;
            held.TryGetValue(applicant.MemberId, out var registration);
            if (registration is { Active: true })
            {
                var position = await db.WaitlistPositionAsync(registration, cancellationToken);
                outcomes[i] = new RegistrationOutcome(RegistrationOutcomeKind.AlreadyHeld, registration, position, clubEvent);
                continue;
            }
            if (refusal is not null)
            {
                outcomes[i] = new RegistrationOutcome(RegistrationOutcomeKind.Refused, Event: clubEvent, Refusal: refusal);
                continue;
            }
            if (registration is null)
            {
                registration = Registration.Take(clubEvent, applicant.MemberId, applicant.DisplayName, applicant.Email, now);
                db.Registrations.Add(registration);
                held[applicant.MemberId] = registration;
            }
            else
            {
                registration.Retake(clubEvent, applicant.DisplayName, applicant.Email, now);
            }
            // Last in the queue: the waitlist's length is this registration's position.
            if (registration.Status == RegistrationStatus.Waitlisted)
            {
                db.AddIntegrationEvent(EventFacts.Waitlisted(registration, clubEvent.WaitlistCount));
                outcomes[i] = new RegistrationOutcome(RegistrationOutcomeKind.Taken, registration, clubEvent.WaitlistCount, clubEvent);
            }
            else
            {
                db.AddIntegrationEvent(EventFacts.Confirmed(registration));
                outcomes[i] = new RegistrationOutcome(RegistrationOutcomeKind.Taken, registration, null, clubEvent);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        await locked.CommitAsync(cancellationToken);
        return outcomes;
    }

    private sealed record Waiting(Applicant Applicant, TaskCompletionSource<RegistrationOutcome> Done, ActivityContext Trace);

    private sealed class Queue(Guid eventId)
    {
        public Guid EventId { get; } = eventId;
        public Queue<Waiting> Items { get; } = new();
        public bool Serving { get; set; }
        public bool Closed { get; set; }
    }
}
