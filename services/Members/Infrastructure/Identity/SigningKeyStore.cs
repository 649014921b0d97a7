using System.Security.Cryptography;
using CircularPlatform.Members.Model;
using CircularPlatform.ServiceDefaults.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace CircularPlatform.Members.Infrastructure.Identity;

/// <summary>
/// The signing keys, read from the members database so that every replica signs and publishes the
/// same ones, and rotated on schedule: the next key is created and published
/// <see cref="TokenIssuingOptions.KeyPublicationLead"/> before it starts signing.
/// </summary>
public sealed partial class SigningKeyStore(
    IServiceScopeFactory scopes,
    TimeProvider clock,
    IOptions<TokenIssuingOptions> issuing,
    IOptions<PlatformTokenOptions> validation,
    ILogger<SigningKeyStore> logger)
{
    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile SigningKeys? _current;

    /// <summary>The keys in force now: the one that signs and all that are published.</summary>
    public async Task<SigningKeys> GetAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var current = _current;
        if (current is not null && now < current.FreshUntil)
        {
            return current;
        }
        await _loading.WaitAsync(cancellationToken);
        try
        {
            current = _current;
            if (current is not null && now < current.FreshUntil)
            {
                return current;
            }
            return _current = await LoadAsync(now, cancellationToken);
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>Reads the keys again at the next use (a token named a key this replica has not loaded).</summary>
    public void Invalidate()
    {
        var current = _current;
        var now = clock.GetUtcNow().UtcDateTime;
        // Not more than once every few seconds: tokens naming made-up keys must not hammer the database.
        if (current is not null && now - current.LoadedAt > TimeSpan.FromSeconds(5))
        {
            _current = current with { FreshUntil = now };
        }
    }

    private async Task<SigningKeys> LoadAsync(DateTime now, CancellationToken cancellationToken)
    {
        var settings = issuing.Value;
        // A token signed just before a key retires lives its lifetime plus the validators' clock tolerance.
        var tokenLifetime = settings.AccessTokenLifetime + validation.Value.ClockSkew;

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MembersContext>();
        var keys = await db.SigningKeys.Where(k => k.PublishedUntil > now).ToListAsync(cancellationToken);

        var signing = Signing(keys, now);
        if (signing is null)
        {
            signing = SigningKey.Create(NewPrivateKey(), now, settings.KeySigningPeriod, tokenLifetime, now);
            db.SigningKeys.Add(signing);
            keys.Add(signing);
            LogKeyCreated(logger, signing.Id, signing.SignsFrom, signing.SignsUntil);
        }
        if (signing.SignsUntil - now <= settings.KeyPublicationLead && !keys.Any(k => k.SignsFrom >= signing.SignsUntil))
        {
            var next = SigningKey.Create(NewPrivateKey(), signing.SignsUntil, settings.KeySigningPeriod, tokenLifetime, now);
            db.SigningKeys.Add(next);
            keys.Add(next);
            LogKeyCreated(logger, next.Id, next.SignsFrom, next.SignsUntil);
        }
        await db.SigningKeys.Where(k => k.PublishedUntil <= now).ExecuteDeleteAsync(cancellationToken);
        if (db.ChangeTracker.HasChanges())
        {
            await db.SaveChangesAsync(cancellationToken);
            // Replicas starting together may each have created a key: read them all again, so that
            // every replica settles on the same one (the earliest) and publishes the others.
            keys = await db.SigningKeys.AsNoTracking().Where(k => k.PublishedUntil > now).ToListAsync(cancellationToken);
            signing = Signing(keys, now)!;
        }

        var published = keys.OrderBy(k => k.SignsFrom).ThenBy(k => k.Id).Select(ToSecurityKey).ToList();
        var transitions = keys.SelectMany(k => new[] { k.SignsFrom, k.SignsUntil - settings.KeyPublicationLead, k.SignsUntil, k.PublishedUntil })
            .Where(t => t > now)
            .Append(now + settings.KeyReloadInterval);
        return new SigningKeys(
            published.Single(k => k.KeyId == signing.Id),
            published,
            LoadedAt: now,
            FreshUntil: transitions.Min());
    }

    /// <summary>
    /// The key whose signing period covers now. Periods follow one another, so there is one, unless
    /// replicas created keys at the same moment: then the earliest, the same for every replica.
    /// </summary>
    private static SigningKey? Signing(IEnumerable<SigningKey> keys, DateTime now) =>
        keys.Where(k => k.Signs(now)).OrderBy(k => k.SignsFrom).ThenBy(k => k.Id, StringComparer.Ordinal).FirstOrDefault();

    private static byte[] NewPrivateKey()
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportPkcs8PrivateKey();
    }

    private static RsaSecurityKey ToSecurityKey(SigningKey key)
    {
        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(key.PrivateKey, out _);
        return new RsaSecurityKey(rsa) { KeyId = key.Id };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Signing key {KeyId} created: signs from {SignsFrom:o} until {SignsUntil:o}")]
    private static partial void LogKeyCreated(ILogger logger, string keyId, DateTime signsFrom, DateTime signsUntil);
}

/// <summary>The key that signs now, and every key a valid token may name.</summary>
public sealed record SigningKeys(RsaSecurityKey Signing, IReadOnlyList<RsaSecurityKey> Published, DateTime LoadedAt, DateTime FreshUntil);
