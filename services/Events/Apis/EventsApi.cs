using CircularPlatform.Contracts;
using CircularPlatform.Contracts.IntegrationEvents;
using CircularPlatform.Events.Infrastructure;
using CircularPlatform.Events.Model;
using CircularPlatform.ServiceDefaults.Http;
using CircularPlatform.ServiceDefaults.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CircularPlatform.Events.Apis;

public static class EventsApi
{
    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/events").WithTags("Events");

        api.MapGet("/", ListEvents)
            .WithName("ListEvents")
            .WithSummary("The club's calendar, filtered by dates, theme, municipality, kind and text, in pages.");
        api.MapGet("/{id:guid}", GetEvent)
            .WithName("GetEvent")
            .WithSummary("One event of the club.");
        api.MapPost("/", ScheduleEvent)
            .RequireAuthorization(ClubPolicies.Organiser)
            .WithName("ScheduleEvent")
            .WithSummary("Puts an event on the club's calendar and announces it to members.");
        return app;
    }

    public static async Task<Results<Ok<Paged<EventResponse>>, ValidationProblem>> ListEvents(
        [AsParameters] EventsQuery query, EventsContext db, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var events = query.Apply(db.Events.AsNoTracking(), errors);
        if (events is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        return TypedResults.Ok(await events.Select(EventResponse.Projection).ToPageAsync(query.Paging, cancellationToken));
    }

    public static async Task<Results<Ok<EventResponse>, NotFound>> GetEvent(
        Guid id, EventsContext db, CancellationToken cancellationToken)
    {
        var found = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        return found is null ? TypedResults.NotFound() : TypedResults.Ok(EventResponse.From(found));
    }

    public static async Task<Results<Created<EventResponse>, ValidationProblem>> ScheduleEvent(
        ScheduleEventRequest request, EventsContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var details = request.Validate(errors);
        if (details is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var scheduled = ClubEvent.Schedule(details, clock.GetUtcNow().UtcDateTime);
        db.Events.Add(scheduled);
        db.AddIntegrationEvent(ToIntegrationEvent(scheduled));
        await db.SaveChangesAsync(cancellationToken);

        return TypedResults.Created($"/api/events/{scheduled.Id}", EventResponse.From(scheduled));
    }

    private static EventScheduled ToIntegrationEvent(ClubEvent e) => new()
    {
        EventId = e.Id,
        Title = new BilingualText { Fr = e.TitleFr, En = e.TitleEn },
        Kind = e.Kind,
        Themes = e.Themes,
        StartsAt = new DateTimeOffset(e.StartsAt, TimeSpan.Zero),
        EndsAt = new DateTimeOffset(e.EndsAt, TimeSpan.Zero),
        Municipality = e.Municipality,
        Venue = e.Venue,
        Capacity = e.Capacity,
    };
}
