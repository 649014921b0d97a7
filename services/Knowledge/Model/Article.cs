namespace CircularPlatform.Knowledge.Model;

/// <summary>
/// A best practice, feedback on experience, case study or guide shared with the club, written in
/// French and, where the author can, in English too.
/// </summary>
public sealed class Article
{
    private Article()
    {
    }

    public Guid Id { get; private set; }
    public string Kind { get; private set; } = string.Empty;
    public string TitleFr { get; private set; } = string.Empty;
    public string? TitleEn { get; private set; }
    public string? SummaryFr { get; private set; }
    public string? SummaryEn { get; private set; }
    public string BodyFr { get; private set; } = string.Empty;
    public string? BodyEn { get; private set; }
    public List<string> Themes { get; private set; } = [];
    public Guid? AuthorId { get; private set; }
    public ArticleStatus Status { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? PublishedAt { get; private set; }

    public bool HasEnglish => !string.IsNullOrWhiteSpace(TitleEn) && !string.IsNullOrWhiteSpace(BodyEn);
}
