using System.Text.Json;

namespace CircularPlatform.Knowledge.Model;

/// <summary>
/// One saved version of an article: who saved it, when, and its whole content. Revisions are never
/// changed; the content is one JSON document, read whole and never searched by.
/// </summary>
public sealed class ArticleRevision
{
    private static readonly JsonSerializerOptions Stored = new(JsonSerializerDefaults.Web);

    private ArticleRevision()
    {
    }

    public Guid Id { get; private set; }
    public Guid ArticleId { get; private set; }
    /// <summary>The article's version this revision made.</summary>
    public int Number { get; private set; }
    public Guid? SavedBy { get; private set; }
    public DateTime SavedAt { get; private set; }
    public string Content { get; private set; } = string.Empty;

    public ArticleContent Read() => JsonSerializer.Deserialize<ArticleContent>(Content, Stored)!;

    internal static ArticleRevision Of(Article article, Guid? by, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(),
        ArticleId = article.Id,
        Number = article.Version,
        SavedBy = by,
        SavedAt = now,
        Content = JsonSerializer.Serialize(article.Content, Stored),
    };
}
