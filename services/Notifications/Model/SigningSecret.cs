namespace CircularPlatform.Notifications.Model;

/// <summary>
/// A secret the service signs with (the unsubscribe links), made once and kept in the database so
/// that every replica, and the service after a restart, signs and checks with the same one.
/// </summary>
public sealed class SigningSecret
{
    private SigningSecret()
    {
    }

    public string Purpose { get; private set; } = string.Empty;
    public byte[] Secret { get; private set; } = [];
    public DateTime CreatedAt { get; private set; }

    public static SigningSecret New(string purpose, byte[] secret, DateTime now) => new() { Purpose = purpose, Secret = secret, CreatedAt = now };
}
