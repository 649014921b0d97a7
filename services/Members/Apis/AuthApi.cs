using System.Text.Json;
using CircularPlatform.Members.Infrastructure;
using CircularPlatform.Members.Infrastructure.Identity;
using CircularPlatform.Members.Model;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace CircularPlatform.Members.Apis;

/// <summary>
/// Members as the platform's token authority: sign-in, refresh, sign-out, and the discovery
/// document and keys with which every service checks the tokens.
/// </summary>
public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/members/auth").WithTags("Sign-in").AddEndpointFilter(RequireLocalAuthority);

        api.MapPost("/token", SignIn)
            .WithName("SignIn")
            .WithSummary("Exchanges an email and password for a short-lived access token and a single-use refresh token.");
        api.MapPost("/refresh", Refresh)
            .WithName("RefreshTokens")
            .WithSummary("Exchanges a refresh token, once, for new tokens; a refresh token used twice signs its holders out.");
        api.MapPost("/revoke", SignOut)
            .WithName("SignOut")
            .WithSummary("Signs out: the refresh token and every token descending from the same sign-in stop working.");
        api.MapPasswordReset();

        // Where the other services (and any OpenID Connect client) find the issuer and its keys.
        app.MapGet("/.well-known/openid-configuration", Discovery).WithName("OpenIdConfiguration").ExcludeFromDescription()
            .AddEndpointFilter(RequireLocalAuthority);
        app.MapGet("/.well-known/jwks.json", Keys).WithName("SigningKeys").ExcludeFromDescription()
            .AddEndpointFilter(RequireLocalAuthority);
        return app;
    }

    public static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> SignIn(
        SignInRequest request, UserManager<MemberAccount> accounts, MembersContext db, TokenIssuer issuer,
        SignInGuard guard, HttpContext http, CancellationToken cancellationToken)
    {
        var errors = new ServiceDefaults.Http.ValidationErrors();
        if (string.IsNullOrWhiteSpace(request.Email))
        {
            errors.Add("email", "The email address you signed up with is required.");
        }
        if (string.IsNullOrEmpty(request.Password))
        {
            errors.Add("password", "The password is required.");
        }
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var email = EmailAddress.Normalise(request.Email);
        var attempt = await guard.BeginAsync(email ?? request.Email!.Trim().ToLowerInvariant(), Client(http), cancellationToken);
        if (attempt.Refused)
        {
            return TooManyAttempts(attempt, http);
        }
        var account = email is null ? null : await accounts.FindByEmailAsync(email);
        bool right;
        if (account is null)
        {
            // As long as for a real account, so the answer's timing does not tell who is a member.
            accounts.PasswordHasher.HashPassword(new MemberAccount(), request.Password!);
            right = false;
        }
        else
        {
            right = await accounts.CheckPasswordAsync(account, request.Password!);
        }
        if (!right)
        {
            await guard.FailedAsync(attempt, cancellationToken);
            return attempt.Last ? TooManyAttempts(attempt, http) : WrongCredentials();
        }
        await guard.SucceededAsync(attempt, cancellationToken);

        var member = await db.Members.FirstAsync(m => m.Id == account!.Id, cancellationToken);
        if (!member.CanSignIn)
        {
            return Barred(member);
        }
        var tokens = await issuer.IssueAsync(member, family: null, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Issued(tokens, http);
    }

    /// <summary>The caller as the gateway saw it (forwarded headers from trusted proxies only).</summary>
    internal static string Client(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    public static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> Refresh(
        RefreshRequest request, MembersContext db, TokenIssuer issuer, HttpContext http, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.RefreshToken))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["refreshToken"] = ["The refresh token is required."] });
        }
        var outcome = await issuer.SpendAsync(request.RefreshToken, cancellationToken);
        switch (outcome.Result)
        {
            case RefreshResult.Reused:
                return TypedResults.Problem(
                    title: "This refresh token was already used.",
                    detail: "A refresh token works once. Since it was presented again, every token of this sign-in has been revoked: sign in again.",
                    statusCode: StatusCodes.Status401Unauthorized);
            case RefreshResult.Invalid:
                return TypedResults.Problem(
                    title: "The refresh token is not valid.",
                    detail: "It is unknown, expired or revoked: sign in again.",
                    statusCode: StatusCodes.Status401Unauthorized);
        }

        var member = await db.Members.FirstAsync(m => m.Id == outcome.MemberId, cancellationToken);
        if (!member.CanSignIn)
        {
            await issuer.RevokeFamilyAsync(outcome.FamilyId, cancellationToken);
            return Barred(member);
        }
        var tokens = await issuer.IssueAsync(member, outcome.FamilyId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Issued(tokens, http);
    }

    /// <summary>Answers 204 whether or not the token was known (RFC 7009): nothing is learnt by guessing.</summary>
    public static async Task<Results<NoContent, ValidationProblem>> SignOut(
        RefreshRequest request, TokenIssuer issuer, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.RefreshToken))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["refreshToken"] = ["The refresh token to revoke is required."] });
        }
        await issuer.RevokeAsync(request.RefreshToken, cancellationToken);
        return TypedResults.NoContent();
    }

    public static IResult Discovery(LocalAuthority authority)
    {
        var url = authority.Url;
        return TypedResults.Json(new Dictionary<string, object>
        {
            ["issuer"] = authority.Issuer,
            ["jwks_uri"] = url + "/.well-known/jwks.json",
            ["token_endpoint"] = url + "/api/members/auth/token",
            ["revocation_endpoint"] = url + "/api/members/auth/revoke",
            ["id_token_signing_alg_values_supported"] = new[] { SecurityAlgorithms.RsaSha256 },
            ["claims_supported"] = new[] { "sub", "name", "email", "lang", "role", "membership", "org" },
        });
    }

    public static async Task<IResult> Keys(SigningKeyStore keys, HttpContext http, CancellationToken cancellationToken)
    {
        var current = await keys.GetAsync(cancellationToken);
        // Short caching: a newly published key reaches the services within a minute.
        http.Response.Headers.CacheControl = "public, max-age=60";
        var published = current.Published.Select(key =>
        {
            var parameters = key.Rsa.ExportParameters(includePrivateParameters: false);
            return new Dictionary<string, string>
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["alg"] = SecurityAlgorithms.RsaSha256,
                ["kid"] = key.KeyId,
                ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
            };
        });
        return TypedResults.Text(JsonSerializer.Serialize(new { keys = published }), "application/json");
    }

    /// <summary>With an external provider, signing in happens there, and Members publishes no keys.</summary>
    private static async ValueTask<object?> RequireLocalAuthority(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var issuing = context.HttpContext.RequestServices.GetRequiredService<IOptions<TokenIssuingOptions>>().Value;
        if (issuing.ExternalProvider)
        {
            return TypedResults.Problem(
                title: "Sign-in is handled by the club's identity provider.",
                detail: "Tokens are issued by the provider named in Identity:Authority, not by this service.",
                statusCode: StatusCodes.Status404NotFound);
        }
        return await next(context);
    }

    private static Ok<TokenResponse> Issued(IssuedTokens tokens, HttpContext http)
    {
        // Tokens are credentials: no cache may keep them (RFC 6749, 5.1).
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Pragma = "no-cache";
        return TypedResults.Ok(new TokenResponse(
            tokens.AccessToken, "Bearer", (int)tokens.AccessTokenLifetime.TotalSeconds,
            tokens.RefreshToken, (int)tokens.RefreshTokenLifetime.TotalSeconds));
    }

    private static ProblemHttpResult WrongCredentials() => TypedResults.Problem(
        title: "The email or the password is not right.",
        detail: "Check both and try again; after several failures, signing in from here waits for a while.",
        statusCode: StatusCodes.Status401Unauthorized);

    internal static ProblemHttpResult TooManyAttempts(SignInAttempt attempt, HttpContext http)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(attempt.RetryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            title: "Too many failed sign-ins from here: wait before trying again.",
            detail: $"Try again in {Math.Ceiling(seconds / 60.0)} minute(s), or ask an organiser of the club.",
            statusCode: StatusCodes.Status429TooManyRequests);
    }

    private static ProblemHttpResult Barred(Member member) => TypedResults.Problem(
        title: "This membership is suspended.",
        detail: member.StatusReason is null
            ? "An organiser of the club suspended the membership; contact them to be approved again."
            : $"An organiser of the club suspended the membership ({member.StatusReason}); contact them to be approved again.",
        statusCode: StatusCodes.Status403Forbidden);
}
