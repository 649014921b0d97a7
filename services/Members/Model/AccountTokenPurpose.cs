namespace CircularPlatform.Members.Model;

/// <summary>What a link sent by mail about a person's own account lets them do, once.</summary>
public enum AccountTokenPurpose
{
    /// <summary>Show that the address they gave is theirs.</summary>
    EmailVerification,

    /// <summary>Choose a new password without knowing the old one.</summary>
    PasswordReset,
}
