namespace CircularPlatform.Members.Model;

/// <summary>
/// An RSA key that signs access tokens. A key is published before it signs anything, so every
/// service has it by the time tokens carry it, and stays published after it stops signing until
/// the last token it signed has expired: keys change without anyone being signed out.
/// </summary>
public sealed class SigningKey
{
    private SigningKey()
    {
    }

    /// <summary>The "kid" of tokens and of the JWKS entry.</summary>
    public string Id { get; private set; } = string.Empty;
    /// <summary>PKCS#8, kept in the members database, which only this service can read.</summary>
    public byte[] PrivateKey { get; private set; } = [];
    public DateTime CreatedAt { get; private set; }
    /// <summary>From when it signs; until then it is only published.</summary>
    public DateTime SignsFrom { get; private set; }
    /// <summary>When it stops signing (a newer key has taken over by then).</summary>
    public DateTime SignsUntil { get; private set; }
    /// <summary>When it leaves the JWKS: no token it signed is valid any more.</summary>
    public DateTime PublishedUntil { get; private set; }

    public static SigningKey Create(byte[] privateKey, DateTime signsFrom, TimeSpan signingPeriod, TimeSpan tokenLifetime, DateTime now) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        PrivateKey = privateKey,
        CreatedAt = now,
        SignsFrom = signsFrom,
        SignsUntil = signsFrom + signingPeriod,
        PublishedUntil = signsFrom + signingPeriod + tokenLifetime,
    };

    public bool Signs(DateTime now) => SignsFrom <= now && now < SignsUntil;

    public bool IsPublished(DateTime now) => now < PublishedUntil;

    /// <summary>Stops signing now (a suspected leak): published only for the tokens already out.</summary>
    public void Retire(DateTime now, TimeSpan tokenLifetime)
    {
        if (SignsUntil > now)
        {
            SignsUntil = now;
            PublishedUntil = now + tokenLifetime;
        }
    }
}
