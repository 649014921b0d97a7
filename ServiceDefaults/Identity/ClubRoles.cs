namespace CircularPlatform.ServiceDefaults.Identity;

/// <summary>The club's roles, as they appear in access tokens (claim "role").</summary>
public static class ClubRoles
{
    public const string Member = "member";
    public const string Organiser = "organiser";
    public const string Admin = "admin";

    /// <summary>From the least to the most entitled.</summary>
    public static IReadOnlyList<string> All { get; } = [Member, Organiser, Admin];
}

/// <summary>
/// Authorisation policies every service applies to its own writes. A higher role includes the
/// lower ones: an admin may do what an organiser may, an organiser what a member may.
/// </summary>
public static class ClubPolicies
{
    public const string Member = "club-member";
    public const string Organiser = "club-organiser";
    public const string Admin = "club-admin";
}
