using System.Collections.Concurrent;
using Microsoft.IdentityModel.JsonWebTokens;

namespace CircularPlatform.ServiceDefaults.Identity;

/// <summary>
/// The members whose access tokens issued before a change (suspension, role, erasure) must no
/// longer be accepted, as every process learns them from Members' events. A token names the
/// member's access version (<see cref="ClaimName"/>); one below the version revoked is refused.
/// An entry is kept only as long as a token issued before it can live; a process started later
/// does not need it to refuse tokens issued after.
/// </summary>
public sealed class RevokedAccess(TimeProvider clock)
{
    public const string ClaimName = "access_version";

    /// <summary>An access token's lifetime and the clock tolerance, with room to spare.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<Guid, Entry> _revoked = new();

    public int Count => _revoked.Count;

    public void Revoke(Guid member, int accessVersion)
    {
        var now = clock.GetUtcNow();
        _revoked.AddOrUpdate(member, new Entry(accessVersion, now + Retention),
            (_, known) => known.Version >= accessVersion ? known : new Entry(accessVersion, now + Retention));
        foreach (var (id, entry) in _revoked)
        {
            if (entry.Until < now)
            {
                _revoked.TryRemove(new KeyValuePair<Guid, Entry>(id, entry));
            }
        }
    }

    /// <summary>True when the token was issued to the member before their access was revoked.</summary>
    public bool IsRevoked(Guid member, int tokenAccessVersion) =>
        _revoked.TryGetValue(member, out var entry) && entry.Until >= clock.GetUtcNow() && tokenAccessVersion < entry.Version;

    /// <summary>The token's member and access version (0 when the token names none).</summary>
    public bool IsRevoked(JsonWebToken token) =>
        Guid.TryParse(token.Subject, out var member)
        && IsRevoked(member, token.TryGetPayloadValue<int>(ClaimName, out var version) ? version : 0);

    private sealed record Entry(int Version, DateTimeOffset Until);
}
