namespace CircularPlatform.Members.Model;

/// <summary>Where a person stands in the club: sign up, approval, then suspension or departure.</summary>
public enum MemberStatus
{
    /// <summary>Signed up, waiting for an organiser to approve the membership.</summary>
    Pending,
    Approved,
    /// <summary>Barred by an organiser; an organiser may approve the member again.</summary>
    Suspended,
    /// <summary>Left the club and asked for their personal data to be erased; nothing identifies them any more.</summary>
    Erased,
}
