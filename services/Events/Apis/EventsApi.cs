using CircularPlatform.Events.Infrastructure;
using CircularPlatform.Events.IntegrationEvents;
using CircularPlatform.Events.Model;
using CircularPlatform.ServiceDefaults.Http;
using CircularPlatform.ServiceDefaults.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CircularPlatform.Events.Apis;

public static class EventsApi
{
    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/events").WithTags("Events");

        api.MapGet("/", ListEvents)
            .WithName("ListEvents")
            .WithSummary("The club's calendar, upcoming or past, filtered by dates, theme, municipality, kind, status and text (accents and case ignored), in pages; organisers also list drafts (status=draft).");
        api.MapGet("/{id:guid}", GetEvent)
            .WithName("GetEvent")
            .WithSummary("One event of the club, with its ETag; drafts only for organisers.")
            .Produces<EventResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/", CreateEvent)
            .RequireAuthorization(ClubPolicies.Organiser)
            .WithName("ScheduleEvent")
            .WithSummary("Puts an event on the club's calendar and announces it to members; with \"draft\": true, keeps it as a draft.")
            .Produces<EventResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem();
        api.MapPut("/{id:guid}", ChangeEvent)
            .RequireAuthorization(ClubPolicies.Organiser)
            .WithName("ChangeEvent")
            .WithSummary("Replaces an event's details (If-Match required); a new time or place of a scheduled event reschedules it.")
            .Produces<EventResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
        api.MapPost("/{id:guid}/schedule", ScheduleDraft)
            .RequireAuthorization(ClubPolicies.Organiser)
            .WithName("ScheduleDraft")
            .WithSummary("Puts a draft on the calendar and announces it.")
            .Produces<EventResponse>()
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{id:guid}/cancel", CancelEvent)
            .RequireAuthorization(ClubPolicies.Organiser)
            .WithName("CancelEvent")
            .WithSummary("Calls an event off, with the reason members are told; its registrations end with it.")
            .Produces<EventResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{id:guid}/complete", CompleteEvent)
            .RequireAuthorization(ClubPolicies.Organiser)
            .WithName("CompleteEvent")
            .WithSummary("Closes an event that took place; its attendance (the check-ins) becomes final.")
            .Produces<EventResponse>()
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    public static async Task<IResult> ListEvents(
        [AsParameters] EventsQuery query, HttpRequest request, EventsContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var events = query.Apply(db.Events.AsNoTracking(), errors, request.HttpContext.User.IsOrganiser(), clock.GetUtcNow().UtcDateTime);
        if (events is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        var language = ReaderLanguage.Requested(request, query.Lang);
        var page = await events.Select(EventResponse.Projection).ToPageAsync(query.Paging, e => e.In(language), cancellationToken);
        request.HttpContext.Response.Headers.Vary = "Accept-Language";
        return TypedResults.Ok(page);
    }

    public static async Task<IResult> GetEvent(
        Guid id, [FromQuery] string? lang, HttpContext http, EventsContext db, CancellationToken cancellationToken)
    {
        if (!ReaderLanguage.IsValid(lang))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["lang"] = [ReaderLanguage.Reason] });
        }
        var found = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        // A draft is the organisers' work in progress: for anyone else it does not exist yet.
        if (found is null || found.Status == EventStatus.Draft && !http.User.IsOrganiser())
        {
            return NotFound();
        }
        return Answer(http, found);
    }

    public static async Task<IResult> CreateEvent(
        EventRequest request, HttpContext http, EventsContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var details = request.Validate(errors);
        var now = clock.GetUtcNow().UtcDateTime;
        if (details is not null && request.Draft != true && details.EndsAt <= now)
        {
            errors.Add("endsAt", "The event is over already: a past event cannot be announced.");
        }
        if (details is null || errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var created = request.Draft == true
            ? ClubEvent.Draft(details, http.User.MemberId(), now)
            : ClubEvent.Schedule(details, http.User.MemberId(), now);
        db.Events.Add(created);
        if (created.Status == EventStatus.Scheduled)
        {
            db.AddIntegrationEvent(EventFacts.Scheduled(created));
        }
        await db.SaveChangesAsync(cancellationToken);

        EntityTags.Set(http.Response, created.Version);
        return TypedResults.Created($"/api/events/{created.Id}", EventResponse.Detailed(created, Language(http)));
    }

    public static async Task<IResult> ChangeEvent(
        Guid id, EventRequest request, HttpContext http, EventsContext db, EventLock locks, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var details = request.Validate(errors);
        if (request.Draft is not null)
        {
            errors.Add("draft", "Only a new event is created as a draft; schedule a draft with POST /api/events/{id}/schedule.");
        }
        if (details is null || errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        await using var locked = await locks.TakeAsync(id, cancellationToken);
        if (locked.Event is not { } clubEvent)
        {
            return NotFound();
        }
        if (EntityTags.Refusal(EntityTags.Check(http.Request, clubEvent.Version), "event") is { } unmet)
        {
            return unmet;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (clubEvent.Status == EventStatus.Scheduled && details.EndsAt <= now && details.EndsAt != clubEvent.EndsAt)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["endsAt"] = ["A scheduled event cannot be moved into the past."] });
        }
        if (clubEvent.Change(details, now, out var refusal) is not { } edit)
        {
            return Conflict(refusal!);
        }
        if (edit.Rescheduled)
        {
            db.AddIntegrationEvent(EventFacts.Rescheduled(clubEvent));
        }
        if (edit.CapacityRaised)
        {
            await locks.PromoteAsync(clubEvent, now, cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        await locked.CommitAsync(cancellationToken);
        return Answer(http, clubEvent);
    }

    public static Task<IResult> ScheduleDraft(
        Guid id, HttpContext http, EventsContext db, EventLock locks, TimeProvider clock, CancellationToken cancellationToken) =>
        Move(id, http, db, locks, cancellationToken, (clubEvent, now) =>
            clubEvent.TrySchedule(now, out var refusal) ? Moved(() => db.AddIntegrationEvent(EventFacts.Scheduled(clubEvent))) : Refused(refusal), clock);

    public static async Task<IResult> CancelEvent(
        Guid id, CancelEventRequest? request, HttpContext http, EventsContext db, EventLock locks, TimeProvider clock, CancellationToken cancellationToken)
    {
        var reason = EventRequest.Blank(request?.Reason);
        if (reason is null || reason.Length > EventRules.ReasonMaxLength)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["reason"] = [reason is null ? "Say why the event is cancelled: members who registered are told." : $"At most {EventRules.ReasonMaxLength} characters."],
            });
        }
        return await Move(id, http, db, locks, cancellationToken, (clubEvent, now) =>
        {
            if (!clubEvent.TryCancel(reason, now, out var refusal))
            {
                return Refused(refusal);
            }
            return Moved(() => db.AddIntegrationEvent(EventFacts.Cancelled(clubEvent)), () => db.Registrations
                .Where(r => r.EventId == clubEvent.Id && (r.Status == RegistrationStatus.Confirmed || r.Status == RegistrationStatus.Waitlisted))
                .ExecuteUpdateAsync(set => set
                    .SetProperty(r => r.Status, RegistrationStatus.Cancelled)
                    .SetProperty(r => r.CancelledAt, now)
                    .SetProperty(r => r.CancelledBecause, CancellationCause.EventCancelled), cancellationToken));
        }, clock);
    }

    public static Task<IResult> CompleteEvent(
        Guid id, HttpContext http, EventsContext db, EventLock locks, TimeProvider clock, CancellationToken cancellationToken) =>
        Move(id, http, db, locks, cancellationToken, (clubEvent, now) =>
            clubEvent.TryComplete(now, out var refusal) ? Moved(() => db.AddIntegrationEvent(EventFacts.Completed(clubEvent))) : Refused(refusal), clock);

    /// <summary>What a move did: how to announce it and any bulk change to make with it, or why it was refused.</summary>
    private sealed record MoveOutcome(string? Refusal, Action? Announce, Func<Task<int>>? Alongside);

    private static MoveOutcome Moved(Action announce, Func<Task<int>>? alongside = null) => new(null, announce, alongside);

    private static MoveOutcome Refused(string? refusal) => new(refusal, null, null);

    /// <summary>
    /// Every move under the event's lock: If-Match is optional for a move (the lifecycle decides
    /// what may follow what), but a stale one is refused.
    /// </summary>
    private static async Task<IResult> Move(
        Guid id, HttpContext http, EventsContext db, EventLock locks, CancellationToken cancellationToken,
        Func<ClubEvent, DateTime, MoveOutcome> move, TimeProvider clock)
    {
        await using var locked = await locks.TakeAsync(id, cancellationToken);
        if (locked.Event is not { } clubEvent)
        {
            return NotFound();
        }
        if (http.Request.Headers.IfMatch.Count > 0
            && EntityTags.Refusal(EntityTags.Check(http.Request, clubEvent.Version), "event") is { } unmet)
        {
            return unmet;
        }
        var outcome = move(clubEvent, clock.GetUtcNow().UtcDateTime);
        if (outcome.Refusal is { } refusal)
        {
            return Conflict(refusal);
        }
        if (outcome.Alongside is { } alongside)
        {
            await alongside();
        }
        outcome.Announce!();
        await db.SaveChangesAsync(cancellationToken);
        await locked.CommitAsync(cancellationToken);
        return Answer(http, clubEvent);
    }

    private static IResult Answer(HttpContext http, ClubEvent clubEvent)
    {
        EntityTags.Set(http.Response, clubEvent.Version);
        http.Response.Headers.LastModified = clubEvent.UpdatedAt.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        http.Response.Headers.Vary = "Accept-Language";
        return TypedResults.Ok(EventResponse.Detailed(clubEvent, Language(http)));
    }

    private static string Language(HttpContext http) => ReaderLanguage.Requested(http.Request, http.Request.Query["lang"]);

    internal static IResult NotFound() => TypedResults.Problem(
        title: "There is no such event.", detail: "It may have been a draft that was never scheduled, or the link is wrong.",
        statusCode: StatusCodes.Status404NotFound);

    internal static IResult Conflict(string reason) => TypedResults.Problem(
        title: "The event cannot make this move.", detail: reason, statusCode: StatusCodes.Status409Conflict);
}

public sealed record CancelEventRequest(string? Reason);
