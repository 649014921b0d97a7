namespace CircularPlatform.Events.Model;

/// <summary>What an organiser says about an event, already checked against the club's rules.</summary>
public sealed record EventDetails(
    string TitleFr,
    string? TitleEn,
    string? DescriptionFr,
    string? DescriptionEn,
    string Kind,
    IReadOnlyList<string> Themes,
    DateTime StartsAt,
    DateTime EndsAt,
    string? Municipality,
    string? Venue,
    int? Capacity);
