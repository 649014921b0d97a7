namespace CircularPlatform.Contracts;

/// <summary>
/// Club content is written in French first; English is welcome but optional.
/// </summary>
public sealed record BilingualText
{
    public required string Fr { get; init; }
    public string? En { get; init; }

    /// <summary>The text in the reader's language, falling back to French.</summary>
    public string In(string language) =>
        language == Languages.English && !string.IsNullOrWhiteSpace(En) ? En : Fr;
}
