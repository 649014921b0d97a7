namespace CircularPlatform.Members.Model;

/// <summary>
/// The sign-in attempts counted against one key within a window: an email address from one
/// client, or one client whatever the address. Attempts are counted before the password is
/// checked, so guesses sent together cannot get past the limit; a right password clears its
/// email's count for that client.
/// </summary>
/// <remarks>
/// The key is a hash: the table holds no email address, and needs no erasure.
/// </remarks>
public sealed class SignInThrottle
{
    public required string Key { get; init; }

    public int Attempts { get; set; }

    public DateTime WindowStartedAt { get; set; }
}
