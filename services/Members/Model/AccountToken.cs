namespace CircularPlatform.Members.Model;

/// <summary>
/// The token of a link sent by mail about a person's own account, kept only as a hash: whoever
/// reads the database learns no link. It works once, until it expires, and only while it is the
/// latest of its purpose: asking again makes the older links void, so only the last mail counts.
/// </summary>
public sealed class AccountToken
{
    private AccountToken()
    {
    }

    public Guid Id { get; private set; }
    public Guid MemberId { get; private set; }
    public AccountTokenPurpose Purpose { get; private set; }
    /// <summary>SHA-256 of the token, base64url.</summary>
    public string Hash { get; private set; } = string.Empty;
    public DateTime CreatedAt { get; private set; }
    public DateTime ExpiresAt { get; private set; }
    public DateTime? UsedAt { get; private set; }
    /// <summary>When a newer link of the same purpose replaced this one.</summary>
    public DateTime? VoidedAt { get; private set; }

    public static AccountToken Issue(Guid memberId, AccountTokenPurpose purpose, string hash, DateTime now, TimeSpan lifetime)
    {
        now = Precision.Stored(now);
        return new AccountToken
        {
            Id = Guid.CreateVersion7(),
            MemberId = memberId,
            Purpose = purpose,
            Hash = hash,
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        };
    }

    public AccountTokenState StateAt(DateTime now) =>
        UsedAt is not null ? AccountTokenState.Used
        : VoidedAt is not null ? AccountTokenState.Replaced
        : now >= ExpiresAt ? AccountTokenState.Expired
        : AccountTokenState.Usable;

    public void Use(DateTime now) => UsedAt = Precision.Stored(now);

    public void Void(DateTime now) => VoidedAt = Precision.Stored(now);
}

/// <summary>What a presented token is worth; the person is told which, so they know what to do next.</summary>
public enum AccountTokenState
{
    Usable,
    /// <summary>No link the club sent, or one cut short.</summary>
    Unknown,
    Used,
    /// <summary>A newer link of the same purpose was sent since.</summary>
    Replaced,
    Expired,
}
