using System.Security.Claims;
using CircularPlatform.Members.Infrastructure;
using CircularPlatform.Members.Infrastructure.Identity;
using CircularPlatform.Members.IntegrationEvents;
using CircularPlatform.Members.Model;
using CircularPlatform.ServiceDefaults.Http;
using CircularPlatform.ServiceDefaults.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CircularPlatform.Members.Apis;

/// <summary>Signing up, and a member's own profile: seeing it, changing it, leaving with it erased.</summary>
public static class AccountsApi
{
    public static IEndpointRouteBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/members").WithTags("Accounts");

        api.MapPost("/accounts", SignUp)
            .WithName("SignUp")
            .WithSummary("Signs up a person: the membership is pending until an organiser approves it.");
        api.MapEmailVerification();

        var me = api.MapGroup("/me").RequireAuthorization();
        me.MapGet("/", GetOwnProfile)
            .WithName("GetOwnProfile")
            .WithSummary("The signed-in member's profile, consents and status.");
        me.MapPut("/", ChangeOwnProfile)
            .WithName("ChangeOwnProfile")
            .WithSummary("Changes the signed-in member's profile; the version last read must be sent back.");
        me.MapPost("/password", ChangeOwnPassword)
            .WithName("ChangeOwnPassword")
            .WithSummary("Changes the password; every sign-in, this one included, has to sign in again once its access token expires.");
        me.MapPost("/email-verification", AccountMailApi.RequestEmailVerificationAgain)
            .WithName("RequestEmailVerificationAgain")
            .WithSummary("Mails a new link confirming the signed-in member's address (the last one expired or got lost); 409 when it is confirmed already.");
        me.MapDelete("/", EraseOwnMembership)
            .WithName("EraseOwnMembership")
            .WithSummary("Leaves the club: the account is deleted and the member's personal data erased, here and in every service.");
        return app;
    }

    public static async Task<Results<Created<MemberResponse>, ValidationProblem, ProblemHttpResult>> SignUp(
        SignUpRequest request, MembersContext db, UserManager<MemberAccount> accounts, AccountMail mail, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var profile = request.Validate(errors);
        if (request.Password is { Length: > 0 } password)
        {
            await CheckPasswordRulesAsync(accounts, password, errors, "password");
        }
        if (profile is not null)
        {
            await CheckOrganisationAsync(db, profile.OrganisationId, errors, cancellationToken);
        }
        if (profile is null || errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        var member = Member.SignUp(profile, clock.GetUtcNow().UtcDateTime);
        if (await db.Members.AnyAsync(m => m.Email == profile.Email, cancellationToken))
        {
            return AlreadyAMember(accounts, member, request.Password!);
        }

        db.Members.Add(member);
        await mail.RequestEmailVerificationAsync(member, cancellationToken);
        // Identity saves the context: the member, the account and the mail asking to confirm the
        // address are stored together or not at all.
        var created = await SaveAsync(db, profile.Email, member.Id, () => accounts.CreateAsync(Account(member), request.Password!));
        if (created.Conflict || created.Stale)
        {
            db.Entry(member).State = EntityState.Detached;
            return AlreadyAMember(accounts, member, request.Password!);
        }
        if (created.Errors is { } refused)
        {
            return TypedResults.ValidationProblem(refused);
        }
        return TypedResults.Created("/api/members/me", MemberResponse.From(member));
    }

    /// <summary>
    /// A sign-up with an address that belongs to a member is answered as any sign-up is, after the
    /// same work (the password hashed), so neither the answer nor its time tells anyone whether the
    /// address is a member's. Nothing is stored; the owner of the address is the one to be told, by
    /// mail, once the platform sends mail.
    /// </summary>
    private static Created<MemberResponse> AlreadyAMember(UserManager<MemberAccount> accounts, Member unsaved, string password)
    {
        accounts.PasswordHasher.HashPassword(Account(unsaved), password);
        return TypedResults.Created("/api/members/me", MemberResponse.From(unsaved));
    }

    public static async Task<Results<Ok<MemberResponse>, NotFound>> GetOwnProfile(
        ClaimsPrincipal user, MembersContext db, CancellationToken cancellationToken)
    {
        var member = await FindSelfAsync(user, db, cancellationToken);
        return member is null ? TypedResults.NotFound() : TypedResults.Ok(MemberResponse.From(member));
    }

    public static async Task<Results<Ok<MemberResponse>, NotFound, ValidationProblem, ProblemHttpResult>> ChangeOwnProfile(
        ProfileRequest request, ClaimsPrincipal user, MembersContext db, UserManager<MemberAccount> accounts,
        AccountMail mail, TimeProvider clock, CancellationToken cancellationToken)
    {
        var member = await FindSelfAsync(user, db, cancellationToken);
        if (member is null)
        {
            return TypedResults.NotFound();
        }
        var errors = new ValidationErrors();
        var profile = request.Validate(errors);
        if (profile is not null && profile.OrganisationId != member.OrganisationId)
        {
            await CheckOrganisationAsync(db, profile.OrganisationId, errors, cancellationToken);
        }
        if (profile is null || errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        if (request.Version != member.Version)
        {
            return ChangedMeanwhile($"You sent version {request.Version}; it is now at version {member.Version}. Reload it and apply your change again.");
        }
        var emailChanged = profile.Email != member.Email;
        if (emailChanged && await db.Members.AnyAsync(m => m.Email == profile.Email && m.Id != member.Id, cancellationToken))
        {
            return EmailTaken(profile.Email);
        }

        member.ChangeProfile(profile, clock.GetUtcNow().UtcDateTime);
        // Only members who joined are known to the other services; a pending one is announced on approval.
        if (member.Status is MemberStatus.Approved)
        {
            db.AddIntegrationEvent(MemberEventsFactory.ProfileChanged(member));
        }
        if (emailChanged)
        {
            // The new address is confirmed as the first one was, by a link mailed to it.
            await mail.RequestEmailVerificationAsync(member, cancellationToken);
        }
        var saved = await SaveAsync(db, profile.Email, member.Id, async () =>
        {
            if (!emailChanged)
            {
                await db.SaveChangesAsync(cancellationToken);
                return IdentityResult.Success;
            }
            var account = await accounts.FindByIdAsync(member.Id.ToString());
            account!.Email = profile.Email;
            account.UserName = profile.Email;
            account.EmailConfirmed = false;
            return await accounts.UpdateAsync(account);
        });
        if (saved.Stale)
        {
            return ChangedMeanwhile();
        }
        if (saved.Conflict)
        {
            return EmailTaken(profile.Email);
        }
        if (saved.Errors is { } refused)
        {
            return TypedResults.ValidationProblem(refused);
        }
        return TypedResults.Ok(MemberResponse.From(member));
    }

    public static async Task<Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult>> ChangeOwnPassword(
        PasswordChangeRequest request, ClaimsPrincipal user, UserManager<MemberAccount> accounts, TokenIssuer issuer,
        SignInGuard guard, HttpContext http, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrEmpty(request.CurrentPassword))
        {
            errors.Add("currentPassword", "Your current password is required.");
        }
        if (string.IsNullOrEmpty(request.NewPassword))
        {
            errors.Add("newPassword", "The new password is required.");
        }
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        var account = user.MemberId() is { } id ? await accounts.FindByIdAsync(id.ToString()) : null;
        if (account is null)
        {
            return TypedResults.NotFound();
        }
        // The current password is guessed no more freely here than at sign-in: the same counts.
        var attempt = await guard.BeginAsync(EmailAddress.Normalise(account.Email) ?? account.Email!, AuthApi.Client(http), cancellationToken);
        if (attempt.Refused)
        {
            return AuthApi.TooManyAttempts(attempt, http);
        }
        if (!await accounts.CheckPasswordAsync(account, request.CurrentPassword!))
        {
            await guard.FailedAsync(attempt, cancellationToken);
            if (attempt.Last)
            {
                return AuthApi.TooManyAttempts(attempt, http);
            }
            errors.Add("currentPassword", "This is not your current password.");
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        await guard.SucceededAsync(attempt, cancellationToken);
        var changed = await accounts.ChangePasswordAsync(account, request.CurrentPassword!, request.NewPassword!);
        if (!changed.Succeeded)
        {
            foreach (var error in changed.Errors)
            {
                errors.Add(error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "currentPassword" : "newPassword", error.Description);
            }
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        // Whoever knew the old password may hold a refresh token: every sign-in starts again.
        await issuer.RevokeAllAsync(account.Id, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> EraseOwnMembership(
        ClaimsPrincipal user, MembersContext db, UserManager<MemberAccount> accounts, RevokedAccess revoked, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var member = await FindSelfAsync(user, db, cancellationToken);
        var account = member is null ? null : await accounts.FindByIdAsync(member.Id.ToString());
        if (member is null || account is null)
        {
            return TypedResults.NotFound();
        }
        if (member.Role is ClubRoles.Admin && !await db.Members.AnyAsync(
                m => m.Id != member.Id && m.Role == ClubRoles.Admin && m.Status == MemberStatus.Approved, cancellationToken))
        {
            return TypedResults.Problem(
                title: "The club's last administrator cannot leave.",
                detail: "Make another member an administrator first (PUT /api/members/{id}/role), so the club keeps one.",
                statusCode: StatusCodes.Status422UnprocessableEntity);
        }
        member.Erase(clock.GetUtcNow().UtcDateTime);
        db.RefreshTokens.RemoveRange(await db.RefreshTokens.Where(t => t.MemberId == member.Id).ToListAsync(cancellationToken));
        db.AccountTokens.RemoveRange(await db.AccountTokens.Where(t => t.MemberId == member.Id).ToListAsync(cancellationToken));
        db.AddIntegrationEvent(MemberEventsFactory.Left(member, "erasure requested", erased: true));
        db.AddIntegrationEvent(MemberEventsFactory.AccessRevoked(member, "left"));
        // Deleting the account saves the context: the erasure, its announcement and the account's
        // removal happen together.
        var deleted = await accounts.DeleteAsync(account);
        if (deleted.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
        {
            return ChangedMeanwhile();
        }
        if (!deleted.Succeeded)
        {
            throw new InvalidOperationException($"The account of member {member.Id} could not be deleted: {string.Join(" ", deleted.Errors.Select(e => e.Code))}");
        }
        revoked.Revoke(member.Id, member.AccessVersion);
        return TypedResults.NoContent();
    }

    internal static async Task<Member?> FindSelfAsync(ClaimsPrincipal user, MembersContext db, CancellationToken cancellationToken) =>
        user.MemberId() is { } id
            ? await db.Members.FirstOrDefaultAsync(m => m.Id == id && m.Status != MemberStatus.Erased, cancellationToken)
            : null;

    private static MemberAccount Account(Member member) => new()
    {
        Id = member.Id,
        UserName = member.Email,
        Email = member.Email,
    };

    internal static async Task CheckPasswordRulesAsync(UserManager<MemberAccount> accounts, string password, ValidationErrors errors, string field)
    {
        foreach (var validator in accounts.PasswordValidators)
        {
            var result = await validator.ValidateAsync(accounts, new MemberAccount(), password);
            foreach (var error in result.Errors)
            {
                errors.Add(field, error.Description);
            }
        }
    }

    private static async Task CheckOrganisationAsync(MembersContext db, Guid? organisationId, ValidationErrors errors, CancellationToken cancellationToken)
    {
        if (organisationId is { } id && !await db.Organisations.AnyAsync(o => o.Id == id && o.Status != OrganisationStatus.Archived, cancellationToken))
        {
            errors.Add("organisationId", $"No organisation {id} in the directory; register it first (POST /api/members/organisations).");
        }
    }

    /// <summary>
    /// Saves through Identity, telling an email taken by someone else between our check and our
    /// write (the unique index refuses it) from Identity's own refusals.
    /// </summary>
    private static async Task<SaveOutcome> SaveAsync(MembersContext db, string email, Guid self, Func<Task<IdentityResult>> save)
    {
        try
        {
            var result = await save();
            if (result.Succeeded)
            {
                return new SaveOutcome(false, null);
            }
            if (result.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName)))
            {
                return new SaveOutcome(true, null);
            }
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
            {
                return new SaveOutcome(false, null, Stale: true);
            }
            var errors = new ValidationErrors();
            foreach (var error in result.Errors)
            {
                errors.Add(error.Code.StartsWith("Password", StringComparison.Ordinal) ? "password" : "email", error.Description);
            }
            return new SaveOutcome(false, errors.ToDictionary());
        }
        catch (DbUpdateException exception) when (exception is not DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            if (await db.Members.AnyAsync(m => m.Email == email && m.Id != self))
            {
                return new SaveOutcome(true, null);
            }
            throw;
        }
    }

    /// <param name="Stale">The member or the account was changed by another request meanwhile.</param>
    private sealed record SaveOutcome(bool Conflict, IDictionary<string, string[]>? Errors, bool Stale = false);

    private static ProblemHttpResult ChangedMeanwhile(
        string detail = "Another change was saved while this one was made. Reload your profile and apply your change again.") =>
        TypedResults.Problem(title: "Your profile was changed meanwhile.", detail: detail, statusCode: StatusCodes.Status409Conflict);

    private static ProblemHttpResult EmailTaken(string email) => TypedResults.Problem(
        title: "A member already uses this email address.",
        detail: $"{email} belongs to a member of the club; sign in instead, or use another address.",
        statusCode: StatusCodes.Status409Conflict);
}
