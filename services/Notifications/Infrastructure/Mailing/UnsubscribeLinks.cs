using System.Buffers.Text;
using System.Security.Cryptography;
using CircularPlatform.Notifications.Model;
using Microsoft.EntityFrameworkCore;

namespace CircularPlatform.Notifications.Infrastructure.Mailing;

/// <summary>
/// The signed tokens of the one-click unsubscribe links (RFC 8058): a token names one member and
/// what to turn off, and only a token this service signed is honoured, so nobody unsubscribes
/// anyone else by guessing. They do not expire: an old email's link still works. The key is made
/// once and kept in the database, shared by every replica.
/// </summary>
public sealed class UnsubscribeLinks(IServiceScopeFactory scopes, TimeProvider clock)
{
    private const string Purpose = "unsubscribe";
    private const byte Version = 1;
    private const int SignatureLength = 16;
    private const int PayloadLength = 1 + 16 + 1;
    private byte[]? _key;

    public async Task<string> TokenAsync(Guid memberId, UnsubscribeScope scope, CancellationToken cancellationToken)
    {
        var key = await KeyAsync(cancellationToken);
        var token = new byte[PayloadLength + SignatureLength];
        token[0] = Version;
        memberId.TryWriteBytes(token.AsSpan(1, 16));
        token[17] = (byte)scope;
        HMACSHA256.HashData(key, token.AsSpan(0, PayloadLength)).AsSpan(0, SignatureLength).CopyTo(token.AsSpan(PayloadLength));
        return Base64Url.EncodeToString(token);
    }

    /// <summary>The member and scope a token names, or null when it is not one of ours.</summary>
    public async Task<(Guid MemberId, UnsubscribeScope Scope)?> ReadAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return null;
        }
        var bytes = new byte[Base64Url.GetMaxDecodedLength(token.Length)];
        if (Base64Url.DecodeFromChars(token, bytes, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != PayloadLength + SignatureLength || bytes[0] != Version)
        {
            return null;
        }
        var key = await KeyAsync(cancellationToken);
        var expected = HMACSHA256.HashData(key, bytes.AsSpan(0, PayloadLength)).AsSpan(0, SignatureLength);
        if (!CryptographicOperations.FixedTimeEquals(expected, bytes.AsSpan(PayloadLength, SignatureLength)))
        {
            return null;
        }
        var scope = (UnsubscribeScope)bytes[17];
        return Enum.IsDefined(scope) ? (new Guid(bytes.AsSpan(1, 16)), scope) : null;
    }

    private async Task<byte[]> KeyAsync(CancellationToken cancellationToken)
    {
        if (_key is { } known)
        {
            return known;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsContext>();
        var stored = await db.SigningSecrets.AsNoTracking().FirstOrDefaultAsync(s => s.Purpose == Purpose, cancellationToken);
        if (stored is null)
        {
            db.SigningSecrets.Add(SigningSecret.New(Purpose, RandomNumberGenerator.GetBytes(32), clock.GetUtcNow().UtcDateTime));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another replica made it first: theirs is the key.
            }
            db.ChangeTracker.Clear();
            stored = await db.SigningSecrets.AsNoTracking().FirstAsync(s => s.Purpose == Purpose, cancellationToken);
        }
        return _key = stored.Secret;
    }
}
