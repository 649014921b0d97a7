namespace CircularPlatform.Members.Model;

/// <summary>The kinds of organisations the club gathers, as they appear in the API.</summary>
public static class OrganisationKinds
{
    public const string Company = "company";
    public const string Municipality = "municipality";
    public const string Association = "association";
    public const string ResearchEducation = "research-education";
    public const string PublicBody = "public-body";
    public const string Cluster = "cluster";

    public static IReadOnlyList<string> All { get; } =
        [Company, Municipality, Association, ResearchEducation, PublicBody, Cluster];
}
