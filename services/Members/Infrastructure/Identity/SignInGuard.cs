using System.Security.Cryptography;
using System.Text;
using CircularPlatform.Members.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CircularPlatform.Members.Infrastructure.Identity;

/// <summary>
/// Slows whoever guesses passwords, not the member they guess for. Attempts are counted per email
/// address and client (the caller's address as the gateway saw it): five within the window, then
/// that client waits for the window to end, whether the address belongs to a member or not, so the
/// answers tell no one which addresses do. The owner signing in from elsewhere is not held up. A
/// client failing on many addresses is held up as a whole. Counts live in the database, so every
/// replica and a restart see them.
/// </summary>
/// <remarks>
/// Identity's lockout is not used: it locked the account itself, so five wrong passwords every 15
/// minutes kept its owner out for good.
/// </remarks>
public sealed class SignInGuard(MembersContext db, TimeProvider clock, IOptions<SignInThrottleOptions> options)
{
    /// <summary>
    /// Counts an attempt before its password is checked: of guesses sent together, no more than the
    /// limit get a password checked.
    /// </summary>
    public async Task<SignInAttempt> BeginAsync(string email, string client, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var clientKey = Key("client", client);
        var opened = now - settings.Window;
        var failures = await db.Set<SignInThrottle>().AsNoTracking()
            .Where(t => t.Key == clientKey && t.WindowStartedAt > opened)
            .Select(t => new { t.Attempts, t.WindowStartedAt })
            .FirstOrDefaultAsync(cancellationToken);
        var pairKey = Key("email-client", email + "\n" + client);
        if (failures is not null && failures.Attempts >= settings.FailuresPerClient)
        {
            return new SignInAttempt(pairKey, clientKey, Refused: true, Last: false, RetryAfter: failures.WindowStartedAt + settings.Window - now);
        }
        var pair = await CountAsync(pairKey, now, cancellationToken);
        var retryAfter = pair.WindowStartedAt + settings.Window - now;
        return new SignInAttempt(pairKey, clientKey,
            Refused: pair.Attempts > settings.AttemptsPerEmailAndClient,
            Last: pair.Attempts == settings.AttemptsPerEmailAndClient,
            RetryAfter: retryAfter);
    }

    /// <summary>The password was wrong: it counts against the client too, and old counts go.</summary>
    public async Task FailedAsync(SignInAttempt attempt, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await CountAsync(attempt.ClientKey, now, cancellationToken);
        var expired = now - options.Value.Window;
        await db.Set<SignInThrottle>().Where(t => t.WindowStartedAt <= expired).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>The right password: this address starts afresh from this client.</summary>
    public Task SucceededAsync(SignInAttempt attempt, CancellationToken cancellationToken) =>
        db.Set<SignInThrottle>().Where(t => t.Key == attempt.PairKey).ExecuteDeleteAsync(cancellationToken);

    /// <summary>
    /// One more attempt on the key, atomically: an update in the window, else a new window on an
    /// old row, else a new row (a concurrent insert wins, and this attempt is counted on it).
    /// </summary>
    private async Task<SignInThrottle> CountAsync(string key, DateTime now, CancellationToken cancellationToken)
    {
        var throttles = db.Set<SignInThrottle>();
        var opened = now - options.Value.Window;
        for (var attempt = 0; ; attempt++)
        {
            var counted = await throttles.Where(t => t.Key == key && t.WindowStartedAt > opened)
                .ExecuteUpdateAsync(t => t.SetProperty(x => x.Attempts, x => x.Attempts + 1), cancellationToken) == 1
                || await throttles.Where(t => t.Key == key && t.WindowStartedAt <= opened)
                .ExecuteUpdateAsync(t => t.SetProperty(x => x.Attempts, 1).SetProperty(x => x.WindowStartedAt, now), cancellationToken) == 1;
            if (!counted)
            {
                var fresh = new SignInThrottle { Key = key, Attempts = 1, WindowStartedAt = now };
                throttles.Add(fresh);
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    counted = true;
                }
                catch (DbUpdateException) when (attempt < 10)
                {
                    // Another attempt inserted it first.
                }
                finally
                {
                    db.Entry(fresh).State = EntityState.Detached;
                }
            }
            if (counted)
            {
                return await throttles.AsNoTracking().FirstAsync(t => t.Key == key, cancellationToken);
            }
        }
    }

    private static string Key(string kind, string value) =>
        kind + ":" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..40];
}

/// <param name="Refused">Too many attempts: answer 429 without checking the password.</param>
/// <param name="Last">The last attempt the window allows: a wrong password now answers 429.</param>
public sealed record SignInAttempt(string PairKey, string ClientKey, bool Refused, bool Last, TimeSpan RetryAfter);
