namespace CircularPlatform.Members.Model;

/// <summary>
/// One refresh token, kept only as a hash. Each refresh spends the token and issues the next one
/// of the same family; a spent token presented again means it was copied, so the whole family is
/// revoked and whoever holds any of its tokens has to sign in again.
/// </summary>
public sealed class RefreshToken
{
    private RefreshToken()
    {
    }

    public Guid Id { get; private set; }
    /// <summary>The sign-in this token descends from.</summary>
    public Guid FamilyId { get; private set; }
    public Guid MemberId { get; private set; }
    /// <summary>SHA-256 of the token, base64url: a stolen database gives no usable token.</summary>
    public string Hash { get; private set; } = string.Empty;
    public DateTime IssuedAt { get; private set; }
    public DateTime ExpiresAt { get; private set; }
    public DateTime? SpentAt { get; private set; }
    public DateTime? RevokedAt { get; private set; }

    public static RefreshToken Issue(Guid memberId, Guid familyId, string hash, DateTime now, TimeSpan lifetime) => new()
    {
        Id = Guid.CreateVersion7(),
        FamilyId = familyId,
        MemberId = memberId,
        Hash = hash,
        IssuedAt = now,
        ExpiresAt = now + lifetime,
    };

    public bool IsExpired(DateTime now) => now >= ExpiresAt;
}
