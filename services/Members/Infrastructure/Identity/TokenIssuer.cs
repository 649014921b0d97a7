using System.Security.Claims;
using CircularPlatform.Members.Model;
using CircularPlatform.ServiceDefaults.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CircularPlatform.Members.Infrastructure.Identity;

/// <summary>
/// Issues the platform's tokens: a short-lived signed JWT that every service checks on its own,
/// and a refresh token, random and single-use, that only Members can exchange.
/// </summary>
public sealed class TokenIssuer(
    MembersContext db,
    SigningKeyStore keys,
    LocalAuthority authority,
    TimeProvider clock,
    IOptions<TokenIssuingOptions> issuing,
    IOptions<PlatformTokenOptions> validation)
{
    private static readonly JsonWebTokenHandler Tokens = new();

    /// <summary>
    /// Tokens for a member who just proved who they are. The refresh token is added to the
    /// context; the caller saves. <paramref name="family"/> continues a rotation.
    /// </summary>
    public async Task<IssuedTokens> IssueAsync(Member member, Guid? family, CancellationToken cancellationToken)
    {
        var settings = issuing.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var signing = await keys.GetAsync(cancellationToken);

        var claims = new List<Claim>
        {
            new(JwtRegisteredClaimNames.Sub, member.Id.ToString()),
            new(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
            new("name", member.DisplayName),
            new(JwtRegisteredClaimNames.Email, member.Email ?? string.Empty),
            new("lang", member.Language),
            new("membership", member.Status.ToString().ToLowerInvariant()),
            // Refused everywhere once the member's access changes (RevokedAccess).
            new(RevokedAccess.ClaimName, member.AccessVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), ClaimValueTypes.Integer32),
        };
        // Roles come with approval: a pending member may see and edit their own profile, nothing more.
        if (member.Status is MemberStatus.Approved)
        {
            claims.Add(new Claim("role", member.Role));
        }
        if (member.OrganisationId is { } organisation)
        {
            claims.Add(new Claim("org", organisation.ToString()));
        }

        var accessToken = Tokens.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = authority.Issuer,
            Audience = validation.Value.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + settings.AccessTokenLifetime,
            SigningCredentials = new SigningCredentials(signing.Signing, SecurityAlgorithms.RsaSha256),
            TokenType = "at+jwt",
        });

        var refreshToken = OpaqueToken.New();
        db.RefreshTokens.Add(RefreshToken.Issue(member.Id, family ?? Guid.CreateVersion7(), OpaqueToken.Hash(refreshToken), now, settings.RefreshTokenLifetime));

        return new IssuedTokens(accessToken, settings.AccessTokenLifetime, refreshToken, settings.RefreshTokenLifetime);
    }

    /// <summary>
    /// Spends a refresh token. Whoever presents a token already spent holds a copy: the family is
    /// revoked, so both the thief and the member must sign in again.
    /// </summary>
    public async Task<RefreshOutcome> SpendAsync(string refreshToken, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var hash = OpaqueToken.Hash(refreshToken);
        var token = await db.RefreshTokens.AsNoTracking().FirstOrDefaultAsync(t => t.Hash == hash, cancellationToken);
        if (token is null || token.RevokedAt is not null || token.IsExpired(now))
        {
            return RefreshOutcome.Invalid;
        }
        // Families are revoked whole, but a refresh running meanwhile may add a token after the
        // revocation: a family with any revoked token is revoked, whatever was added to it since.
        if (await db.RefreshTokens.AnyAsync(t => t.FamilyId == token.FamilyId && t.RevokedAt != null, cancellationToken))
        {
            return RefreshOutcome.Invalid;
        }
        // Spent only if nobody spent it first: of two concurrent refreshes, one wins, the other is reuse.
        var spent = token.SpentAt is null && await db.RefreshTokens
            .Where(t => t.Id == token.Id && t.SpentAt == null && t.RevokedAt == null)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.SpentAt, now), cancellationToken) == 1;
        if (!spent)
        {
            await RevokeFamilyAsync(token.FamilyId, cancellationToken);
            return RefreshOutcome.Reused(token.MemberId);
        }
        return RefreshOutcome.Spent(token.MemberId, token.FamilyId);
    }

    /// <summary>Signs out the sign-in the token descends from (every token of its family).</summary>
    public async Task RevokeAsync(string refreshToken, CancellationToken cancellationToken)
    {
        var hash = OpaqueToken.Hash(refreshToken);
        var family = await db.RefreshTokens.Where(t => t.Hash == hash).Select(t => (Guid?)t.FamilyId).FirstOrDefaultAsync(cancellationToken);
        if (family is { } id)
        {
            await RevokeFamilyAsync(id, cancellationToken);
        }
    }

    public Task<int> RevokeFamilyAsync(Guid family, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.RefreshTokens.Where(t => t.FamilyId == family && t.RevokedAt == null)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.RevokedAt, now), cancellationToken);
    }

    /// <summary>Signs a member out everywhere (suspension, erasure, a new password).</summary>
    public Task<int> RevokeAllAsync(Guid memberId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.RefreshTokens.Where(t => t.MemberId == memberId && t.RevokedAt == null)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.RevokedAt, now), cancellationToken);
    }
}

public sealed record IssuedTokens(string AccessToken, TimeSpan AccessTokenLifetime, string RefreshToken, TimeSpan RefreshTokenLifetime);

public enum RefreshResult
{
    /// <summary>Unknown, expired or revoked.</summary>
    Invalid,
    /// <summary>Already spent: its family is now revoked.</summary>
    Reused,
    /// <summary>Spent now; the next token continues the family.</summary>
    Spent,
}

public sealed record RefreshOutcome(RefreshResult Result, Guid MemberId = default, Guid FamilyId = default)
{
    public static readonly RefreshOutcome Invalid = new(RefreshResult.Invalid);

    public static RefreshOutcome Reused(Guid memberId) => new(RefreshResult.Reused, memberId);

    public static RefreshOutcome Spent(Guid memberId, Guid familyId) => new(RefreshResult.Spent, memberId, familyId);
}
