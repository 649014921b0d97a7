namespace CircularPlatform.Notifications.Model;

/// <summary>An article of the knowledge base as ArticlePublished described it: what its notifications show.</summary>
public sealed class PublishedArticle
{
    private PublishedArticle()
    {
    }

    public Guid ArticleId { get; private set; }
    public string TitleFr { get; private set; } = string.Empty;
    public string? TitleEn { get; private set; }
    public string Kind { get; private set; } = string.Empty;
    public List<string> Themes { get; private set; } = [];
    public DateTime PublishedAt { get; private set; }

    public static PublishedArticle From(Guid articleId, string titleFr, string? titleEn, string kind, IEnumerable<string> themes, DateTime publishedAt) => new()
    {
        ArticleId = articleId,
        TitleFr = titleFr,
        TitleEn = titleEn,
        Kind = kind,
        Themes = [.. themes],
        PublishedAt = publishedAt,
    };

    /// <summary>A revision published again: the newest title is the one shown.</summary>
    public void Republished(string titleFr, string? titleEn, IEnumerable<string> themes, DateTime publishedAt)
    {
        if (publishedAt < PublishedAt)
        {
            return;
        }
        (TitleFr, TitleEn, Themes, PublishedAt) = (titleFr, titleEn, [.. themes], publishedAt);
    }
}
