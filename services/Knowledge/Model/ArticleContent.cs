namespace CircularPlatform.Knowledge.Model;

/// <summary>What an author writes, already checked against the club's rules; one revision's content.</summary>
public sealed record ArticleContent
{
    public required string Kind { get; init; }
    public required string TitleFr { get; init; }
    public string? TitleEn { get; init; }
    public string? SummaryFr { get; init; }
    public string? SummaryEn { get; init; }
    public required string BodyFr { get; init; }
    public string? BodyEn { get; init; }
    public required IReadOnlyList<string> Themes { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public Guid? OrganisationId { get; init; }
    public Guid? EventId { get; init; }
    /// <summary>Programmes only: who may apply, by when, and where.</summary>
    public string? EligibilityFr { get; init; }
    public string? EligibilityEn { get; init; }
    public DateTime? Deadline { get; init; }
    public string? Link { get; init; }
    /// <summary>What the author says of the English (null: let the save decide, see <see cref="TranslationStatus"/>).</summary>
    public TranslationStatus? EnglishTranslation { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public bool HasEnglish => !string.IsNullOrWhiteSpace(TitleEn) && !string.IsNullOrWhiteSpace(BodyEn);

    /// <summary>Whether this and <paramref name="other"/> say the same in French (or in English).</summary>
    public bool SameText(ArticleContent other, bool english) => english
        ? TitleEn == other.TitleEn && SummaryEn == other.SummaryEn && BodyEn == other.BodyEn && EligibilityEn == other.EligibilityEn
        : TitleFr == other.TitleFr && SummaryFr == other.SummaryFr && BodyFr == other.BodyFr && EligibilityFr == other.EligibilityFr;
}
