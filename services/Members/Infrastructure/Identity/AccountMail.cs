using CircularPlatform.Members.IntegrationEvents;
using CircularPlatform.Members.Model;
using CircularPlatform.ServiceDefaults.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CircularPlatform.Members.Infrastructure.Identity;

/// <summary>
/// The mail Members asks Notifications to send about a person's own account, and the single-use
/// tokens of its links. A request adds the token and the event to the context, so the caller's
/// SaveChanges stores them with the change that caused them, or neither.
/// </summary>
public sealed class AccountMail(
    MembersContext db,
    TimeProvider clock,
    IOptions<AccountTokenOptions> options,
    IOptions<PlatformTokenOptions> platform)
{
    public const string EmailVerificationPath = "/api/members/accounts/verify-email";
    public const string PasswordResetPath = "/api/members/auth/password-reset";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>A link to show that the member's current address is theirs; older such links stop working.</summary>
    public async Task RequestEmailVerificationAsync(Member member, CancellationToken cancellationToken)
    {
        var (token, secret) = await IssueAsync(member, AccountTokenPurpose.EmailVerification, options.Value.EmailVerificationLifetime, cancellationToken);
        db.AddIntegrationEvent(MemberEventsFactory.EmailVerificationRequested(member, token, Link(EmailVerificationPath, secret)));
    }

    /// <summary>
    /// The member asked again (the first link expired or got lost): a new link, unless one was
    /// sent within <see cref="AccountTokenOptions.PasswordResetInterval"/>; returns whether one is.
    /// </summary>
    public async Task<bool> RequestEmailVerificationAgainAsync(Member member, CancellationToken cancellationToken)
    {
        var recently = Now - options.Value.PasswordResetInterval;
        if (await db.AccountTokens.AnyAsync(
                t => t.MemberId == member.Id && t.Purpose == AccountTokenPurpose.EmailVerification && t.CreatedAt > recently, cancellationToken))
        {
            return false;
        }
        await RequestEmailVerificationAsync(member, cancellationToken);
        return true;
    }

    /// <summary>
    /// A link to choose a new password; older such links stop working. Nothing is asked for, and
    /// false returned, when one was within <see cref="AccountTokenOptions.PasswordResetInterval"/>.
    /// </summary>
    public async Task<bool> RequestPasswordResetAsync(Member member, CancellationToken cancellationToken)
    {
        var recently = Now - options.Value.PasswordResetInterval;
        if (await db.AccountTokens.AnyAsync(
                t => t.MemberId == member.Id && t.Purpose == AccountTokenPurpose.PasswordReset && t.CreatedAt > recently, cancellationToken))
        {
            return false;
        }
        var (token, secret) = await IssueAsync(member, AccountTokenPurpose.PasswordReset, options.Value.PasswordResetLifetime, cancellationToken);
        db.AddIntegrationEvent(MemberEventsFactory.PasswordResetRequested(member, token, Link(PasswordResetPath, secret)));
        return true;
    }

    /// <summary>
    /// What the token presented for <paramref name="purpose"/> is worth now, and its row (tracked,
    /// for the caller to use) when it is known. Looking does not use it: a mail scanner following
    /// the link must not spend it.
    /// </summary>
    public async Task<(AccountTokenState State, AccountToken? Token)> FindAsync(
        string? secret, AccountTokenPurpose purpose, CancellationToken cancellationToken)
    {
        if (!OpaqueToken.IsWellFormed(secret))
        {
            return (AccountTokenState.Unknown, null);
        }
        var hash = OpaqueToken.Hash(secret);
        var token = await db.AccountTokens.FirstOrDefaultAsync(t => t.Hash == hash && t.Purpose == purpose, cancellationToken);
        return token is null ? (AccountTokenState.Unknown, null) : (token.StateAt(Now), token);
    }

    private async Task<(AccountToken Token, string Secret)> IssueAsync(
        Member member, AccountTokenPurpose purpose, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var now = Now;
        // Tracked, not updated in bulk: voided in the caller's save, so a change that fails to
        // save leaves the links already sent working.
        var older = await db.AccountTokens
            .Where(t => t.MemberId == member.Id && t.Purpose == purpose && t.UsedAt == null && t.VoidedAt == null)
            .ToListAsync(cancellationToken);
        foreach (var token in older)
        {
            token.Void(now);
        }
        var secret = OpaqueToken.New();
        var issued = AccountToken.Issue(member.Id, purpose, OpaqueToken.Hash(secret), now, lifetime);
        db.AccountTokens.Add(issued);
        return (issued, secret);
    }

    private string Link(string path, string secret)
    {
        var publicAddress = options.Value.PublicAddress is { Length: > 0 } configured ? configured.TrimEnd('/')
            : platform.Value.EffectiveIssuer
            ?? throw new InvalidOperationException(
                $"{AccountTokenOptions.Section}:PublicAddress or Identity:Issuer must name the platform's public address, where the links of account mail lead.");
        return $"{publicAddress}{path}?token={secret}";
    }
}
