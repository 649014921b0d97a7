using System.Security.Claims;
using CircularPlatform.Events.Infrastructure;
using CircularPlatform.Events.IntegrationEvents;
using CircularPlatform.Events.Model;
using CircularPlatform.ServiceDefaults.Http;
using CircularPlatform.ServiceDefaults.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using QRCoder;

namespace CircularPlatform.Events.Apis;

/// <summary>
/// Taking part: members register and give up their place, organisers see and export the list and
/// check people in at the door. Every change to who holds a seat runs under the event's lock
/// (<see cref="EventLock"/>), so an event is never overbooked, however many replicas answer.
/// </summary>
public static class RegistrationsApi
{
    public static IEndpointRouteBuilder MapRegistrationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/events").WithTags("Registrations");

        api.MapPost("/{id:guid}/registrations", Register)
            .RequireAuthorization(ClubPolicies.Member)
            .WithName("Register")
            .WithSummary("Registers the signed-in member: a seat while seats remain, the waitlist after; registering again answers the registration held.")
            .Produces<RegistrationResponse>(StatusCodes.Status201Created)
            .Produces<RegistrationResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/{id:guid}/registrations/me", MyRegistration)
            .RequireAuthorization(ClubPolicies.Member)
            .WithName("MyRegistration")
            .WithSummary("The signed-in member's registration for this event, with its check-in code while they hold a seat.")
            .Produces<RegistrationResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapDelete("/{id:guid}/registrations/me", Withdraw)
            .RequireAuthorization(ClubPolicies.Member)
            .WithName("CancelMyRegistration")
            .WithSummary("Gives up the signed-in member's place; a freed seat goes to the first of the waitlist.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/{id:guid}/registrations/me/qr.svg", MyQrCode)
            .RequireAuthorization(ClubPolicies.Member)
            .WithName("MyCheckInQrCode")
            .WithSummary("The signed-in member's check-in code as a QR code, to show at the door.")
            .Produces(StatusCodes.Status200OK, contentType: "image/svg+xml")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/registrations/me", MyRegistrations)
            .RequireAuthorization(ClubPolicies.Member)
            .WithName("MyRegistrations")
            .WithSummary("The signed-in member's registrations: upcoming events (soonest first) or past ones (latest first), in pages.");
        api.MapGet("/{id:guid}/registrations", ListRegistrations)
            .RequireAuthorization(ClubPolicies.Organiser)
            .WithName("ListRegistrations")
            .WithSummary("An event's registrations for its organisers: seats in arrival order, the waitlist with positions, then cancellations; with the counts.")
            .Produces<AttendeeList>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{id:guid}/registrations.csv", ExportRegistrations)
            .RequireAuthorization(ClubPolicies.Organiser)
            .WithName("ExportRegistrations")
            .WithSummary("The same list as CSV (RFC 4180, UTF-8), headings in the reader's language.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{id:guid}/check-ins", CheckIn)
            .RequireAuthorization(ClubPolicies.Organiser)
            .WithName("CheckIn")
            .WithSummary("Lets a confirmed registrant in by their code (typed or scanned); a second scan says so and counts once.")
            .Produces<CheckInResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    public static async Task<IResult> Register(Guid id, HttpContext http, RegistrationDesk desk)
    {
        if (http.User.MemberId() is not { } memberId)
        {
            return SignedInMember.Unnamed();
        }
        var outcome = await desk.RegisterAsync(id, new Applicant(memberId, http.User.FindFirstValue("name"), http.User.FindFirstValue("email")));
        return outcome.Kind switch
        {
            RegistrationOutcomeKind.NoSuchEvent => EventsApi.NotFound(),
            RegistrationOutcomeKind.Refused => Refused("Registration is not possible.", outcome.Refusal!),
            // Once per event: asking again (a double click, a retried request) changes nothing.
            RegistrationOutcomeKind.AlreadyHeld => TypedResults.Ok(Answer(outcome, http)),
            _ => TypedResults.Created($"/api/events/{id}/registrations/me", Answer(outcome, http)),
        };
    }

    private static RegistrationResponse Answer(RegistrationOutcome outcome, HttpContext http) =>
        RegistrationResponse.From(outcome.Registration!, outcome.Position, outcome.Event!, Language(http));

    public static async Task<IResult> MyRegistration(
        Guid id, HttpContext http, EventsContext db, CancellationToken cancellationToken)
    {
        if (http.User.MemberId() is not { } memberId)
        {
            return SignedInMember.Unnamed();
        }
        var found = await (
            from r in db.Registrations.AsNoTracking()
            join e in db.Events.AsNoTracking() on r.EventId equals e.Id
            where r.EventId == id && r.MemberId == memberId
            select new { Registration = r, Event = e }).FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return NotRegistered();
        }
        var position = await db.WaitlistPositionAsync(found.Registration, cancellationToken);
        return TypedResults.Ok(RegistrationResponse.From(found.Registration, position, found.Event, Language(http)));
    }

    public static async Task<IResult> Withdraw(
        Guid id, HttpContext http, EventsContext db, EventLock locks, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (http.User.MemberId() is not { } memberId)
        {
            return SignedInMember.Unnamed();
        }
        await using var locked = await locks.TakeAsync(id, cancellationToken);
        if (locked.Event is not { Status: not EventStatus.Draft } clubEvent)
        {
            return EventsApi.NotFound();
        }
        var held = await db.Registrations.FirstOrDefaultAsync(r => r.EventId == id && r.MemberId == memberId, cancellationToken);
        if (held is not { Active: true })
        {
            return NotRegistered();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (clubEvent.WithdrawalRefusal(now) is { } refusal)
        {
            return Refused("The place cannot be given up.", refusal);
        }
        await locks.WithdrawAsync(clubEvent, held, CancellationCause.Member, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await locked.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<IResult> MyQrCode(Guid id, HttpContext http, EventsContext db, CancellationToken cancellationToken)
    {
        if (http.User.MemberId() is not { } memberId)
        {
            return SignedInMember.Unnamed();
        }
        var code = await db.Registrations.AsNoTracking()
            .Where(r => r.EventId == id && r.MemberId == memberId && r.Status == RegistrationStatus.Confirmed)
            .Select(r => r.CheckInCode)
            .FirstOrDefaultAsync(cancellationToken);
        if (code is null)
        {
            return TypedResults.Problem(
                title: "There is no seat to check in with.",
                detail: "A check-in code is given with a confirmed seat; a waitlisted member gets one when promoted.",
                statusCode: StatusCodes.Status404NotFound);
        }
        // The code itself, nothing else: any scanner shows it, and a door without one can type it.
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(code, QRCodeGenerator.ECCLevel.M);
        http.Response.Headers.CacheControl = "private, no-cache";
        return TypedResults.Text(new SvgQRCode(data).GetGraphic(8), "image/svg+xml");
    }

    public static async Task<IResult> MyRegistrations(
        [FromQuery] string? when, [FromQuery] int? page, [FromQuery] int? pageSize, [FromQuery] string? lang,
        HttpContext http, EventsContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (http.User.MemberId() is not { } memberId)
        {
            return SignedInMember.Unnamed();
        }
        var errors = new ValidationErrors();
        var paging = new PageQuery(page, pageSize);
        paging.Validate(errors);
        var past = when?.Trim().ToLowerInvariant() switch
        {
            null or "" or "upcoming" => false,
            "past" => true,
            _ => (bool?)null,
        };
        if (past is null)
        {
            errors.Add("when", "Use upcoming or past.");
        }
        if (!ReaderLanguage.IsValid(lang))
        {
            errors.Add("lang", ReaderLanguage.Reason);
        }
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var mine =
            from r in db.Registrations.AsNoTracking()
            join e in db.Events.AsNoTracking() on r.EventId equals e.Id
            where r.MemberId == memberId
            select new
            {
                Registration = r,
                Event = e,
                Position = r.Status == RegistrationStatus.Waitlisted
                    ? db.Registrations.Count(o => o.EventId == r.EventId && o.Status == RegistrationStatus.Waitlisted && o.Arrival <= r.Arrival)
                    : (int?)null,
            };
        // An event is past once it has ended: the one going on now is still upcoming.
        var ordered = past == true
            ? mine.Where(m => m.Event.EndsAt <= now).OrderByDescending(m => m.Event.StartsAt).ThenBy(m => m.Registration.Id)
            : mine.Where(m => m.Event.EndsAt > now).OrderBy(m => m.Event.StartsAt).ThenBy(m => m.Registration.Id);
        var language = ReaderLanguage.Requested(http.Request, lang);
        http.Response.Headers.Vary = "Accept-Language";
        return TypedResults.Ok(await ordered.ToPageAsync(
            paging, m => RegistrationResponse.From(m.Registration, m.Position, m.Event, language), cancellationToken));
    }

    public static async Task<IResult> ListRegistrations(
        Guid id, [FromQuery] string? status, [FromQuery] int? page, [FromQuery] int? pageSize,
        EventsContext db, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var paging = new PageQuery(page, pageSize);
        paging.Validate(errors);
        if (!EnumFilter.TryParse<RegistrationStatus>(status, out var wanted))
        {
            errors.Add("status", EnumFilter.Reason<RegistrationStatus>());
        }
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        if (await CountsAsync(db, id, cancellationToken) is not { } counts)
        {
            return EventsApi.NotFound();
        }
        var listed = await Attendees(db, id, wanted).ToPageAsync(paging, a => AttendeeResponse.From(a.Registration, a.Position), cancellationToken);
        return TypedResults.Ok(new AttendeeList(listed.Items, listed.Page, listed.PageSize, listed.Total, counts));
    }

    public static async Task<IResult> ExportRegistrations(
        Guid id, [FromQuery] string? lang, HttpContext http, EventsContext db, CancellationToken cancellationToken)
    {
        if (!ReaderLanguage.IsValid(lang))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["lang"] = [ReaderLanguage.Reason] });
        }
        if (!await db.Events.AnyAsync(e => e.Id == id, cancellationToken))
        {
            return EventsApi.NotFound();
        }
        var language = ReaderLanguage.Requested(http.Request, lang);
        var rows = Attendees(db, id, status: null).AsAsyncEnumerable().Select(a => AttendeeResponse.From(a.Registration, a.Position));
        return TypedResults.Stream(
            body => AttendeeCsv.WriteAsync(body, rows, language, cancellationToken),
            "text/csv; charset=utf-8",
            $"registrations-{id}.csv");
    }

    public static async Task<IResult> CheckIn(
        Guid id, CheckInRequest? request, EventsContext db, EventLock locks, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (Registration.NormaliseCode(request?.Code) is not { } code)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["code"] = [$"A check-in code has {Registration.CodeLength} letters and digits, as shown on the member's registration."],
            });
        }
        await using var locked = await locks.TakeAsync(id, cancellationToken);
        if (locked.Event is not { } clubEvent)
        {
            return EventsApi.NotFound();
        }
        if (clubEvent.CheckInRefusal is { } closed)
        {
            return Refused("Nobody can be checked in.", closed);
        }
        var registration = await db.Registrations.FirstOrDefaultAsync(r => r.EventId == id && r.CheckInCode == code, cancellationToken);
        if (registration is null)
        {
            return TypedResults.Problem(
                title: "No registration has this code.",
                detail: "Check the code, and that it is for this event.",
                statusCode: StatusCodes.Status404NotFound);
        }
        if (registration.CheckInRefusal is { } refusal)
        {
            return Refused("This person cannot be checked in.", refusal);
        }
        var first = registration.CheckIn(clubEvent, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        await locked.CommitAsync(cancellationToken);
        return TypedResults.Ok(new CheckInResponse(AttendeeResponse.From(registration, null), !first, clubEvent.CheckedInCount));
    }

    /// <summary>An event's registrations in the list's order: seats by arrival, the waitlist by position, then cancellations.</summary>
    private static IQueryable<Attendee> Attendees(EventsContext db, Guid eventId, RegistrationStatus? status) =>
        db.Registrations.AsNoTracking()
            .Where(r => r.EventId == eventId && (status == null || r.Status == status))
            .OrderBy(r => r.Status == RegistrationStatus.Confirmed ? 0 : r.Status == RegistrationStatus.Waitlisted ? 1 : 2)
            .ThenBy(r => r.Arrival)
            .Select(r => new Attendee(
                r,
                r.Status == RegistrationStatus.Waitlisted
                    ? db.Registrations.Count(o => o.EventId == r.EventId && o.Status == RegistrationStatus.Waitlisted && o.Arrival <= r.Arrival)
                    : null));

    private sealed record Attendee(Registration Registration, int? Position);

    private static async Task<RegistrationCounts?> CountsAsync(EventsContext db, Guid eventId, CancellationToken cancellationToken)
    {
        var counted = await db.Events.AsNoTracking()
            .Where(e => e.Id == eventId)
            .Select(e => new RegistrationCounts(
                e.Capacity, e.ConfirmedCount, e.WaitlistCount,
                db.Registrations.Count(r => r.EventId == eventId && r.Status == RegistrationStatus.Cancelled), e.CheckedInCount))
            .FirstOrDefaultAsync(cancellationToken);
        return counted;
    }

    private static string Language(HttpContext http) => ReaderLanguage.Requested(http.Request, http.Request.Query["lang"]);

    private static IResult Refused(string title, string reason) =>
        TypedResults.Problem(title: title, detail: reason, statusCode: StatusCodes.Status409Conflict);

    private static IResult NotRegistered() => TypedResults.Problem(
        title: "You are not registered for this event.", statusCode: StatusCodes.Status404NotFound);

}
