using CircularPlatform.Contracts;
using CircularPlatform.Events.Infrastructure;
using CircularPlatform.Events.Model;
using CircularPlatform.ServiceDefaults.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CircularPlatform.Events.Apis;

/// <summary>
/// Calendars members add to theirs: one event, or a feed of the club's events (all, or one theme's)
/// that calendar applications poll. Each answer carries an ETag and Last-Modified, and a poll
/// that changes nothing is a 304 without a body.
/// </summary>
public static class CalendarsApi
{
    /// <summary>A feed shows what is coming and what just happened; older events have left members' minds and calendars.</summary>
    public static readonly TimeSpan FeedLookBack = TimeSpan.FromDays(90);

    /// <summary>Far more than the club holds in a year; bounds the answer whatever happens.</summary>
    public const int MaxFeedEvents = 2_000;

    public static IEndpointRouteBuilder MapCalendarsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/events").WithTags("Calendars");
        api.MapGet("/{id:guid}/calendar.ics", EventCalendarFile)
            .WithName("EventCalendar")
            .WithSummary("One event as an RFC 5545 calendar (Europe/Paris), to add to one's own.")
            .Produces(StatusCodes.Status200OK, contentType: "text/calendar")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/calendar.ics", Feed)
            .WithName("EventsCalendarFeed")
            .WithSummary("The club's events as a calendar to subscribe to, all or one theme's; polled cheaply with ETag / Last-Modified.")
            .Produces(StatusCodes.Status200OK, contentType: "text/calendar")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesValidationProblem();
        return app;
    }

    public static async Task<IResult> EventCalendarFile(
        Guid id, [FromQuery] string? lang, HttpContext http, EventsContext db, CancellationToken cancellationToken)
    {
        if (!ReaderLanguage.IsValid(lang))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["lang"] = [ReaderLanguage.Reason] });
        }
        var found = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id && e.Status != EventStatus.Draft, cancellationToken);
        if (found is null)
        {
            return EventsApi.NotFound();
        }
        var language = ReaderLanguage.Requested(http.Request, lang);
        return Answer(http, $"\"{found.Version}-{language}\"", found.UpdatedAt, () => EventCalendar.Write([found], language, name: null));
    }

    public static async Task<IResult> Feed(
        [FromQuery] string? theme, [FromQuery] string? lang, HttpContext http, EventsContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (!Themes.TryFilter(theme, out var slug))
        {
            errors.Add("theme", Themes.UnknownReason(theme));
        }
        if (!ReaderLanguage.IsValid(lang))
        {
            errors.Add("lang", ReaderLanguage.Reason);
        }
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var since = clock.GetUtcNow().UtcDateTime - FeedLookBack;
        var events = db.Events.AsNoTracking().Where(e => e.Status != EventStatus.Draft && e.EndsAt >= since);
        if (slug is not null)
        {
            events = events.Where(e => e.Themes.Contains(slug));
        }
        // The validators from two aggregates, before any event is read: an unchanged feed costs no more.
        // Every change to an event moves its UpdatedAt; one leaving the window changes the count.
        var count = await events.CountAsync(cancellationToken);
        var lastChange = await events.MaxAsync(e => (DateTime?)e.UpdatedAt, cancellationToken) ?? DateTime.UnixEpoch;
        var language = ReaderLanguage.Requested(http.Request, lang);
        var etag = $"\"{count}-{lastChange.Ticks}-{language}-{slug ?? "all"}\"";
        var listed = count == 0 ? [] : await events.OrderBy(e => e.StartsAt).ThenBy(e => e.Id).Take(MaxFeedEvents).ToListAsync(cancellationToken);
        return Answer(http, etag, lastChange, () => EventCalendar.Write(listed, language, EventCalendar.FeedName(language, slug)));
    }

    private static IResult Answer(HttpContext http, string etag, DateTime lastModified, Func<string> write)
    {
        http.Response.Headers.Vary = "Accept-Language";
        // Stored by anyone, asked again each time: the question is cheap, the answer often 304.
        http.Response.Headers.CacheControl = "public, no-cache";
        if (ConditionalGet.Unchanged(http, etag, lastModified))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        return TypedResults.Text(write(), EventCalendar.ContentType);
    }
}
