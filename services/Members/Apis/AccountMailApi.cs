using System.Globalization;
using CircularPlatform.Members.Infrastructure;
using CircularPlatform.Members.Infrastructure.Identity;
using CircularPlatform.Members.Model;
using CircularPlatform.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CircularPlatform.Members.Apis;

/// <summary>
/// Where the links of account mail lead: confirming an address, choosing a new password. A link's
/// GET only shows a page whose form posts the token, since mail scanners fetch links before their
/// reader does; the POST uses the token, once. Clients post JSON and get JSON; the pages' forms
/// get pages.
/// </summary>
public static class AccountMailApi
{
    private const string Form = "application/x-www-form-urlencoded";

    /// <summary>The links of address confirmation, under /api/members.</summary>
    public static RouteGroupBuilder MapEmailVerification(this RouteGroupBuilder members)
    {
        members.MapGet("/accounts/verify-email", ShowEmailVerification)
            .WithName("ShowEmailVerification")
            .WithSummary("The page a mailed link opens: a form that confirms the address (the link itself changes nothing).");
        members.MapPost("/accounts/verify-email", VerifyEmail)
            .WithName("VerifyEmail")
            .WithSummary("Confirms a member's address with the token of the link mailed to it; the token works once.")
            .Accepts<EmailVerificationRequest>("application/json", Form);
        return members;
    }

    /// <summary>
    /// Forgotten passwords, under /api/members/auth: an external identity provider, when there is
    /// one, handles them as it handles signing in.
    /// </summary>
    public static RouteGroupBuilder MapPasswordReset(this RouteGroupBuilder auth)
    {
        auth.MapPost("/password-reset", RequestPasswordReset)
            .WithName("RequestPasswordReset")
            .WithSummary("Mails a link to choose a new password to the address, if it is a member's; the answer is the same either way.");
        auth.MapGet("/password-reset", ShowPasswordReset)
            .WithName("ShowPasswordReset")
            .WithSummary("The page a mailed link opens: a form to choose a new password (the link itself changes nothing).");
        auth.MapPost("/password-reset/confirm", ResetPassword)
            .WithName("ResetPassword")
            .WithSummary("Sets a new password with the token of a mailed link; the token works once, and every sign-in has to sign in again.")
            .Accepts<PasswordResetConfirmation>("application/json", Form);
        return auth;
    }

    public static Results<HtmlPage, ValidationProblem> ShowEmailVerification(string? token) =>
        CheckLinkToken(token) is { } refused ? refused : AccountPages.EmailVerificationForm(token!);

    public static async Task<Results<NoContent, HtmlPage, ValidationProblem, ProblemHttpResult>> VerifyEmail(
        EmailVerificationRequest request, AccountMail mail, MembersContext db, UserManager<MemberAccount> accounts,
        TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var page = HtmlPage.Wanted(http);
        var errors = new ValidationErrors();
        RequireToken(request.Token, errors);
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        var (state, token) = await mail.FindAsync(request.Token, AccountTokenPurpose.EmailVerification, cancellationToken);
        var member = state is AccountTokenState.Usable
            ? await db.Members.FirstOrDefaultAsync(m => m.Id == token!.MemberId && m.Status != MemberStatus.Erased, cancellationToken)
            : null;
        var account = member is null ? null : await accounts.FindByIdAsync(member.Id.ToString());
        if (member is null || account is null)
        {
            return Refused(AccountTokenPurpose.EmailVerification, state is AccountTokenState.Usable ? AccountTokenState.Unknown : state, token, page);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        member.VerifyEmail(now);
        token!.Use(now);
        account.EmailConfirmed = true;
        // Identity saves the context: the address is confirmed and the token spent together.
        var saved = await accounts.UpdateAsync(account);
        if (!saved.Succeeded)
        {
            return await ChangedMeanwhileAsync(saved, AccountTokenPurpose.EmailVerification, request.Token!, mail, db, page, cancellationToken);
        }
        return page ? AccountPages.EmailVerified() : TypedResults.NoContent();
    }

    /// <summary>A new confirmation link for the signed-in member's own address; at most one a minute leaves.</summary>
    public static async Task<Results<Accepted, NotFound, ProblemHttpResult>> RequestEmailVerificationAgain(
        System.Security.Claims.ClaimsPrincipal user, AccountMail mail, MembersContext db, CancellationToken cancellationToken)
    {
        var member = await AccountsApi.FindSelfAsync(user, db, cancellationToken);
        if (member is null)
        {
            return TypedResults.NotFound();
        }
        if (member.EmailVerifiedAt is not null)
        {
            return TypedResults.Problem(title: "Your address is confirmed already.", detail: "There is nothing to confirm; change your address in your profile to confirm another.",
                statusCode: StatusCodes.Status409Conflict);
        }
        if (await mail.RequestEmailVerificationAgainAsync(member, cancellationToken))
        {
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another request voided the same older link first, and sent its own.
            }
        }
        return TypedResults.Accepted((string?)null);
    }

    /// <summary>
    /// Answers 202 whether or not the address is a member's, so that nobody learns who is one.
    /// A suspended or erased member is sent nothing: they could not sign in anyway.
    /// </summary>
    public static async Task<Results<Accepted, ValidationProblem>> RequestPasswordReset(
        PasswordResetRequest request, AccountMail mail, MembersContext db, CancellationToken cancellationToken)
    {
        var email = EmailAddress.Normalise(request.Email);
        if (email is null)
        {
            var reason = string.IsNullOrWhiteSpace(request.Email)
                ? "The email address you signed up with is required."
                : $"'{request.Email}' is not an email address.";
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["email"] = [reason] });
        }
        var member = await db.Members.FirstOrDefaultAsync(
            m => m.Email == email && (m.Status == MemberStatus.Pending || m.Status == MemberStatus.Approved), cancellationToken);
        if (member is not null && await mail.RequestPasswordResetAsync(member, cancellationToken))
        {
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another request for the same address voided the same older link first, and sent its own.
            }
        }
        return TypedResults.Accepted((string?)null);
    }

    public static Results<HtmlPage, ValidationProblem> ShowPasswordReset(string? token, IOptions<IdentityOptions> identity) =>
        CheckLinkToken(token) is { } refused ? refused : AccountPages.PasswordResetForm(token!, identity.Value.Password.RequiredLength);

    public static async Task<Results<NoContent, HtmlPage, ValidationProblem, ProblemHttpResult>> ResetPassword(
        PasswordResetConfirmation request, AccountMail mail, MembersContext db, UserManager<MemberAccount> accounts,
        TokenIssuer issuer, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var page = HtmlPage.Wanted(http);
        var errors = new ValidationErrors();
        RequireToken(request.Token, errors);
        if (string.IsNullOrEmpty(request.NewPassword))
        {
            errors.Add("newPassword", "The new password is required.");
        }
        else if (TextInput.Problem(request.NewPassword) is { } problem)
        {
            errors.Add("newPassword", problem);
        }
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        var (state, token) = await mail.FindAsync(request.Token, AccountTokenPurpose.PasswordReset, cancellationToken);
        var account = state is AccountTokenState.Usable ? await accounts.FindByIdAsync(token!.MemberId.ToString()) : null;
        if (account is null)
        {
            return Refused(AccountTokenPurpose.PasswordReset, state is AccountTokenState.Usable ? AccountTokenState.Unknown : state, token, page);
        }
        await AccountsApi.CheckPasswordRulesAsync(accounts, request.NewPassword!, errors, "newPassword");
        if (errors.Any)
        {
            // The token stays unused: the person tries another password with the same link.
            return page
                ? AccountPages.PasswordResetForm(request.Token!, accounts.Options.Password.RequiredLength, [.. errors.ToDictionary()["newPassword"]])
                : TypedResults.ValidationProblem(errors.ToDictionary());
        }

        token!.Use(clock.GetUtcNow().UtcDateTime);
        // The rules were checked above, as Identity's own password change checks them; a new
        // security stamp, and one save for the password and the spent token.
        account.PasswordHash = accounts.PasswordHasher.HashPassword(account, request.NewPassword!);
        var saved = await accounts.UpdateSecurityStampAsync(account);
        if (!saved.Succeeded)
        {
            return await ChangedMeanwhileAsync(saved, AccountTokenPurpose.PasswordReset, request.Token!, mail, db, page, cancellationToken);
        }
        // Whoever knew the old password may hold a refresh token: every sign-in starts again.
        await issuer.RevokeAllAsync(account.Id, cancellationToken);
        return page ? AccountPages.PasswordChanged() : TypedResults.NoContent();
    }

    /// <summary>A link's GET: only whether the token could be one of ours; nothing is looked up or spent.</summary>
    private static ValidationProblem? CheckLinkToken(string? token)
    {
        var errors = new ValidationErrors();
        RequireToken(token, errors);
        if (!errors.Any && !OpaqueToken.IsWellFormed(token))
        {
            errors.Add("token", UnknownToken);
        }
        return errors.Any ? TypedResults.ValidationProblem(errors.ToDictionary()) : null;
    }

    private static void RequireToken(string? token, ValidationErrors errors)
    {
        if (string.IsNullOrEmpty(token))
        {
            errors.Add("token", "The token of the mailed link is required: open the link as it stands in the mail.");
        }
        else if (TextInput.Problem(token) is { } problem)
        {
            errors.Add("token", problem);
        }
    }

    private const string UnknownToken = "This is not a token the club sent, or it was cut short: open the link as it stands in the mail.";

    /// <summary>A token that does not work, told by what happened to it, as a page to a browser.</summary>
    private static Results<NoContent, HtmlPage, ValidationProblem, ProblemHttpResult> Refused(
        AccountTokenPurpose purpose, AccountTokenState state, AccountToken? token, bool page)
    {
        if (page)
        {
            return AccountPages.Refused(purpose, state, token?.ExpiresAt);
        }
        var again = purpose is AccountTokenPurpose.PasswordReset ? " Ask for a new one (POST /api/members/auth/password-reset)." : "";
        var reason = state switch
        {
            AccountTokenState.Used => "This token was already used: a mailed link works once.",
            AccountTokenState.Replaced => "A newer link was mailed since: use the token of the latest mail." + again,
            AccountTokenState.Expired => $"This token expired at {token!.ExpiresAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}." + again,
            _ => UnknownToken,
        };
        return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["token"] = [reason] });
    }

    /// <summary>
    /// Identity found the account, the member or the token changed since they were read: another
    /// request used the same link, or the address changed and voided it. Told as such when so.
    /// </summary>
    private static async Task<Results<NoContent, HtmlPage, ValidationProblem, ProblemHttpResult>> ChangedMeanwhileAsync(
        IdentityResult saved, AccountTokenPurpose purpose, string secret, AccountMail mail, MembersContext db, bool page,
        CancellationToken cancellationToken)
    {
        if (!saved.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
        {
            throw new InvalidOperationException($"The account could not be saved: {string.Join(" ", saved.Errors.Select(e => e.Code))}");
        }
        db.ChangeTracker.Clear();
        var (state, token) = await mail.FindAsync(secret, purpose, cancellationToken);
        if (state is not AccountTokenState.Usable)
        {
            return Refused(purpose, state, token, page);
        }
        return TypedResults.Problem(
            title: "The account was changed meanwhile.",
            detail: "Another change was saved while this one was made; the link still works: send it again.",
            statusCode: StatusCodes.Status409Conflict);
    }
}
