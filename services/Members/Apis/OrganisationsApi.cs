using System.Security.Claims;
using CircularPlatform.Contracts.IntegrationEvents;
using CircularPlatform.Members.Infrastructure;
using CircularPlatform.Members.Model;
using CircularPlatform.ServiceDefaults.Http;
using CircularPlatform.ServiceDefaults.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CircularPlatform.Members.Apis;

public static class OrganisationsApi
{
    public static IEndpointRouteBuilder MapOrganisationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/members/organisations").WithTags("Organisations");

        api.MapGet("/", ListOrganisations)
            .WithName("ListOrganisations")
            .WithSummary("The club's directory of organisations, filtered by text, theme, municipality, kind and status, by name, in pages. Organisers also see pending and archived ones.");
        api.MapGet("/{id:guid}", GetOrganisation)
            .WithName("GetOrganisation")
            .WithSummary("One organisation of the directory; a pending one only for its registrant and the organisers.");
        // Approved members only: a pending sign-up has not joined yet, and what it registered
        // would be the club's word on an organisation nobody has vetted.
        api.MapPost("/", RegisterOrganisation)
            .RequireAuthorization(ClubPolicies.Member)
            .WithName("RegisterOrganisation")
            .WithSummary("Registers an organisation in the directory, pending an organiser's approval, and announces it.");
        // Approved members only: a pending sign-up registers its organisation, then waits.
        api.MapPut("/{id:guid}", UpdateOrganisation)
            .RequireAuthorization(ClubPolicies.Member)
            .WithName("UpdateOrganisation")
            .WithSummary("Changes what the directory says about an organisation; the version last read must be sent back.");
        api.MapPost("/{id:guid}/approve", ApproveOrganisation)
            .RequireAuthorization(ClubPolicies.Organiser)
            .WithName("ApproveOrganisation")
            .WithSummary("Lists a pending (or archived) organisation in the club's directory.");
        api.MapPost("/{id:guid}/archive", ArchiveOrganisation)
            .RequireAuthorization(ClubPolicies.Organiser)
            .WithName("ArchiveOrganisation")
            .WithSummary("Takes an organisation out of the directory; it is listed again only when asked for by status.");
        return app;
    }

    public static Task<Results<Ok<OrganisationResponse>, NotFound>> ApproveOrganisation(
        Guid id, MembersContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        ChangeStatusAsync(id, db, o => o.Approve(clock.GetUtcNow().UtcDateTime), cancellationToken);

    public static Task<Results<Ok<OrganisationResponse>, NotFound>> ArchiveOrganisation(
        Guid id, MembersContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        ChangeStatusAsync(id, db, o => o.Archive(clock.GetUtcNow().UtcDateTime), cancellationToken);

    private static async Task<Results<Ok<OrganisationResponse>, NotFound>> ChangeStatusAsync(
        Guid id, MembersContext db, Func<Organisation, bool> change, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organisation is null)
        {
            return TypedResults.NotFound();
        }
        if (change(organisation))
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        return TypedResults.Ok(OrganisationResponse.From(organisation));
    }

    public static async Task<Results<Ok<Paged<OrganisationResponse>>, ValidationProblem, ProblemHttpResult>> ListOrganisations(
        [AsParameters] OrganisationsQuery query, ClaimsPrincipal user, MembersContext db, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var organisations = query.Apply(db.Organisations.AsNoTracking(), errors, seesUnlisted: user.IsOrganiser());
        if (organisations is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        if (query.AsksForUnlisted && !user.IsOrganiser())
        {
            return TypedResults.Problem(
                title: "Only the club's organisers see pending and archived organisations.",
                detail: "The directory lists the organisations the club approved; leave out status, or ask for status=active.",
                statusCode: StatusCodes.Status403Forbidden);
        }
        return TypedResults.Ok(await organisations.ToPageAsync(query.Paging, OrganisationResponse.From, cancellationToken));
    }

    /// <summary>
    /// A pending organisation is not in the directory yet: only its registrant and the organisers
    /// see it, anyone else is told it is not there. An archived one stays readable, since events
    /// and articles may point to it.
    /// </summary>
    public static async Task<Results<Ok<OrganisationResponse>, NotFound>> GetOrganisation(
        Guid id, ClaimsPrincipal user, MembersContext db, CancellationToken cancellationToken)
    {
        var found = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        var visible = found is not null && (found.Status != OrganisationStatus.Pending
            || user.IsOrganiser() || (found.RegisteredBy is { } registrant && registrant == user.MemberId()));
        return visible ? TypedResults.Ok(OrganisationResponse.From(found!)) : TypedResults.NotFound();
    }

    public static async Task<Results<Created<OrganisationResponse>, ValidationProblem, ProblemHttpResult>> RegisterOrganisation(
        OrganisationRequest request, ClaimsPrincipal user, MembersContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var details = request.Validate(errors);
        if (details is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        if (await SiretTakenAsync(db, details.Siret, except: null, cancellationToken))
        {
            return SiretConflict(details.Siret!.Value);
        }

        var registered = Organisation.Register(details, user.MemberId()!.Value, clock.GetUtcNow().UtcDateTime);
        db.Organisations.Add(registered);
        db.AddIntegrationEvent(ToIntegrationEvent(registered));
        if (!await TrySaveAsync(db, details.Siret, registered.Id, cancellationToken))
        {
            return SiretConflict(details.Siret!.Value);
        }

        return TypedResults.Created($"/api/members/organisations/{registered.Id}", OrganisationResponse.From(registered));
    }

    public static async Task<Results<Ok<OrganisationResponse>, NotFound, ValidationProblem, ProblemHttpResult>> UpdateOrganisation(
        Guid id, OrganisationRequest request, ClaimsPrincipal user, MembersContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organisation is null)
        {
            return TypedResults.NotFound();
        }
        if (!user.IsOrganiser() && (organisation.RegisteredBy is null || organisation.RegisteredBy != user.MemberId()))
        {
            return TypedResults.Problem(
                title: "Only the member who registered the organisation and the club's organisers change it.",
                detail: "Ask them, or an organiser of the club.",
                statusCode: StatusCodes.Status403Forbidden);
        }

        var errors = new ValidationErrors();
        var details = request.Validate(errors);
        if (request.Version is null)
        {
            errors.Add("version", "Send back the version of the organisation you last read, so a change made meanwhile is not overwritten.");
        }
        if (details is null || errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        if (request.Version != organisation.Version)
        {
            return TypedResults.Problem(
                title: "The organisation was changed by someone else.",
                detail: $"You sent version {request.Version}; it is now at version {organisation.Version}. Reload it and apply your change again.",
                statusCode: StatusCodes.Status409Conflict);
        }
        if (await SiretTakenAsync(db, details.Siret, except: id, cancellationToken))
        {
            return SiretConflict(details.Siret!.Value);
        }

        // A change saved between our read and this write fails on the version (concurrency token)
        // and is answered 409 by the service's exception handler.
        organisation.Update(details, clock.GetUtcNow().UtcDateTime);
        if (!await TrySaveAsync(db, details.Siret, id, cancellationToken))
        {
            return SiretConflict(details.Siret!.Value);
        }
        return TypedResults.Ok(OrganisationResponse.From(organisation));
    }

    private static async Task<bool> SiretTakenAsync(MembersContext db, Siret? siret, Guid? except, CancellationToken cancellationToken)
    {
        if (siret is not { } wanted)
        {
            return false;
        }
        var value = wanted.Value;
        return await db.Organisations.AsNoTracking().AnyAsync(o => o.Siret == value && o.Id != except, cancellationToken);
    }

    /// <summary>
    /// Saves, and tells a SIRET registered by someone else between our check and our write (the
    /// unique index refuses it) from any other failure, which is left to the exception handler.
    /// </summary>
    private static async Task<bool> TrySaveAsync(MembersContext db, Siret? siret, Guid id, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException exception) when (exception is not DbUpdateConcurrencyException)
        {
            if (await SiretTakenAsync(db, siret, except: id, cancellationToken))
            {
                return false;
            }
            throw;
        }
    }

    private static ProblemHttpResult SiretConflict(Siret siret) => TypedResults.Problem(
        title: "An organisation with this SIRET is already in the directory.",
        detail: $"SIRET {siret} is already registered; update that organisation instead.",
        statusCode: StatusCodes.Status409Conflict);

    private static OrganisationRegistered ToIntegrationEvent(Organisation o) => new()
    {
        OrganisationId = o.Id,
        Name = o.Name,
        Kind = o.Kind,
        Municipality = o.Municipality,
        Themes = o.Themes,
    };
}
