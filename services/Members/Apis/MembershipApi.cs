using System.Security.Claims;
using CircularPlatform.Members.Infrastructure;
using CircularPlatform.Members.Infrastructure.Identity;
using CircularPlatform.Members.IntegrationEvents;
using CircularPlatform.Members.Model;
using CircularPlatform.ServiceDefaults.Http;
using CircularPlatform.ServiceDefaults.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CircularPlatform.Members.Apis;

/// <summary>The organisers' side of membership: who is waiting, approval, suspension; roles are the admins'.</summary>
public static class MembershipApi
{
    public static IEndpointRouteBuilder MapMembershipApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/members").WithTags("Membership");

        api.MapGet("/", ListMembers).RequireAuthorization(ClubPolicies.Organiser)
            .WithName("ListMembers")
            .WithSummary("Members by status (pending ones waiting for approval first of all), name or email, in pages.");
        api.MapGet("/{id:guid}", GetMember).RequireAuthorization()
            .WithName("GetMember")
            .WithSummary("One member, for organisers and for the member themselves.");
        api.MapPost("/{id:guid}/approve", Approve).RequireAuthorization(ClubPolicies.Organiser)
            .WithName("ApproveMember")
            .WithSummary("Approves a pending member, or lets a suspended one back in, and announces that they joined.");
        api.MapPost("/{id:guid}/suspend", Suspend).RequireAuthorization(ClubPolicies.Organiser)
            .WithName("SuspendMember")
            .WithSummary("Suspends a member, signs them out and announces that they left.");
        api.MapPut("/{id:guid}/role", ChangeRole).RequireAuthorization(ClubPolicies.Admin)
            .WithName("ChangeMemberRole")
            .WithSummary("Makes an approved member a member, an organiser or an admin.");
        return app;
    }

    public static async Task<Results<Ok<Paged<MemberResponse>>, ValidationProblem>> ListMembers(
        [AsParameters] MembersQuery query, MembersContext db, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var members = query.Apply(db.Members.AsNoTracking(), errors);
        if (members is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        return TypedResults.Ok(await members.ToPageAsync(query.Paging, MemberResponse.From, cancellationToken));
    }

    public static async Task<Results<Ok<MemberResponse>, NotFound, ForbidHttpResult>> GetMember(
        Guid id, ClaimsPrincipal user, MembersContext db, CancellationToken cancellationToken)
    {
        if (user.MemberId() != id && !user.IsOrganiser())
        {
            return TypedResults.Forbid();
        }
        var member = await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        return member is null ? TypedResults.NotFound() : TypedResults.Ok(MemberResponse.From(member));
    }

    public static async Task<Results<Ok<MemberResponse>, NotFound, ProblemHttpResult>> Approve(
        Guid id, ClaimsPrincipal user, MembersContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var member = await db.Members.FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (member is null)
        {
            return TypedResults.NotFound();
        }
        // As for suspending them: an organiser does not bring back an organiser an admin suspended.
        if (member.Status is MemberStatus.Suspended && member.Role is not ClubRoles.Member && !user.IsAdmin())
        {
            return TypedResults.Problem(
                title: "Only an administrator can reinstate a suspended organiser or administrator.",
                statusCode: StatusCodes.Status403Forbidden);
        }
        var change = member.Approve(user.MemberId()!.Value, clock.GetUtcNow().UtcDateTime);
        if (change.IsRefused)
        {
            return Refused(change);
        }
        if (change != MembershipChange.Unchanged)
        {
            db.AddIntegrationEvent(MemberEventsFactory.Joined(member));
            await db.SaveChangesAsync(cancellationToken);
        }
        return TypedResults.Ok(MemberResponse.From(member));
    }

    public static async Task<Results<Ok<MemberResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Suspend(
        Guid id, SuspensionRequest request, ClaimsPrincipal user, MembersContext db, TokenIssuer issuer,
        RevokedAccess revoked, TimeProvider clock, CancellationToken cancellationToken)
    {
        var reason = request.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > MemberRules.ReasonMaxLength)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["reason"] = [string.IsNullOrEmpty(reason)
                    ? "Say why the member is suspended: they are told."
                    : $"At most {MemberRules.ReasonMaxLength} characters."],
            });
        }
        var member = await db.Members.FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (member is null)
        {
            return TypedResults.NotFound();
        }
        // Organisers are suspended by admins only, so an organiser cannot bar a colleague.
        if (member.Role is not ClubRoles.Member && !user.IsAdmin())
        {
            return TypedResults.Problem(
                title: "Only an administrator can suspend an organiser or an administrator.",
                statusCode: StatusCodes.Status403Forbidden);
        }
        var change = member.Suspend(reason, clock.GetUtcNow().UtcDateTime);
        if (change.IsRefused)
        {
            return Refused(change);
        }
        if (change != MembershipChange.Unchanged)
        {
            db.AddIntegrationEvent(MemberEventsFactory.Left(member, "suspended: " + reason, erased: false));
            db.AddIntegrationEvent(MemberEventsFactory.AccessRevoked(member, "suspended"));
            await db.SaveChangesAsync(cancellationToken);
            // Here at once; the other services and replicas as soon as they hear the event.
            revoked.Revoke(member.Id, member.AccessVersion);
            await issuer.RevokeAllAsync(member.Id, cancellationToken);
        }
        return TypedResults.Ok(MemberResponse.From(member));
    }

    public static async Task<Results<Ok<MemberResponse>, NotFound, ValidationProblem, ProblemHttpResult>> ChangeRole(
        Guid id, RoleRequest request, ClaimsPrincipal user, MembersContext db, RevokedAccess revoked, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (request.Role is not { } role || !ClubRoles.All.Contains(role))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["role"] = [$"The role is one of {string.Join(", ", ClubRoles.All)}."],
            });
        }
        var member = await db.Members.FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (member is null)
        {
            return TypedResults.NotFound();
        }
        if (member.Id == user.MemberId() && role is not ClubRoles.Admin)
        {
            // Otherwise the last administrator could leave the club without one.
            return TypedResults.Problem(
                title: "Administrators do not remove their own role.",
                detail: "Another administrator changes it, so the club always keeps one.",
                statusCode: StatusCodes.Status422UnprocessableEntity);
        }
        var change = member.ChangeRole(role, clock.GetUtcNow().UtcDateTime);
        if (change.IsRefused)
        {
            return Refused(change);
        }
        if (change != MembershipChange.Unchanged)
        {
            // A demoted organiser's tokens still say "organiser": they stop working now, not in ten minutes.
            db.AddIntegrationEvent(MemberEventsFactory.AccessRevoked(member, "role-changed"));
            await db.SaveChangesAsync(cancellationToken);
            revoked.Revoke(member.Id, member.AccessVersion);
        }
        return TypedResults.Ok(MemberResponse.From(member));
    }

    private static ProblemHttpResult Refused(MembershipChange change) => TypedResults.Problem(
        title: "The membership cannot change this way.",
        detail: change.Reason,
        statusCode: StatusCodes.Status422UnprocessableEntity);
}
