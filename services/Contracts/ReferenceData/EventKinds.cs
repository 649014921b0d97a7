namespace CircularPlatform.Contracts;

/// <summary>The kinds of events the club organises, as they appear in the API.</summary>
public static class EventKinds
{
    public const string Conference = "conference";
    public const string RoundTable = "round-table";
    public const string ProjectPresentation = "project-presentation";
    public const string SiteVisit = "site-visit";
    public const string Workshop = "workshop";

    public static IReadOnlyList<string> All { get; } =
        [Conference, RoundTable, ProjectPresentation, SiteVisit, Workshop];
}
