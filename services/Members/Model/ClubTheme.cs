namespace CircularPlatform.Members.Model;

/// <summary>A theme of the club's shared taxonomy, as members pick it for their interests.</summary>
public sealed class ClubTheme
{
    public required string Slug { get; init; }
    public required string NameFr { get; init; }
    public required string NameEn { get; init; }
    /// <summary>European List of Waste chapters or entries, e.g. "17 05".</summary>
    public required List<string> WasteCodes { get; init; }
    public required int Position { get; init; }
}
