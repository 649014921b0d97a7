using CircularPlatform.ServiceDefaults.Data;

namespace CircularPlatform.Knowledge.Infrastructure.Search;

/// <summary>
/// Full-text search of the published articles, in both languages, by the engine of the database
/// the service runs on (see docs/adr/0019): FTS5 on SQLite, tsvector and GIN on PostgreSQL. The
/// index itself is the database's, kept by the migration <c>AddArticleSearch</c> in the same
/// transaction as every save; this class only asks it.
/// </summary>
public abstract class ArticleSearch
{
    /// <summary>Marks the start and end of a matched word in a highlighted text: characters of Unicode's private use area, which no club text has a reason to hold, so the answer can escape everything else.</summary>
    public const char MatchStart = '\uE000';
    public const char MatchEnd = '\uE001';

    public static ArticleSearch For(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.PostgreSql => new PostgresArticleSearch(),
        _ => new SqliteArticleSearch(),
    };

    /// <summary>The published articles that hold every word, each with its relevance (higher is better: title above summary above body).</summary>
    public abstract IQueryable<ArticleHit> Hits(KnowledgeContext db, SearchTerms terms);

    /// <summary>The matched words of a few articles marked in each of their texts, for the snippets of one page.</summary>
    public abstract Task<IReadOnlyList<ArticleHighlights>> HighlightAsync(
        KnowledgeContext db, SearchTerms terms, IReadOnlyCollection<Guid> articles, CancellationToken cancellationToken);
}

/// <summary>One published article that matched, and how well.</summary>
public sealed record ArticleHit(Guid ArticleId, double Score);

/// <summary>
/// An article's texts around what matched, the words marked with <see cref="ArticleSearch.MatchStart"/>
/// and <see cref="ArticleSearch.MatchEnd"/>; a text that did not match comes back unmarked (or null when absent).
/// </summary>
public sealed record ArticleHighlights(
    Guid ArticleId, string? TitleFr, string? TitleEn, string? SummaryFr, string? SummaryEn, string? BodyFr, string? BodyEn);
