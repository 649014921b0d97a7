using Microsoft.EntityFrameworkCore;

namespace CircularPlatform.Knowledge.Infrastructure.Search;

/// <summary>
/// PostgreSQL's text search: <c>articles.search_vector</c>, a stored generated column (French texts
/// through <c>club_french</c>, English through <c>club_english</c>: unaccent, then the language's
/// Snowball stemmer; titles weighted A, summaries B, bodies C) under a GIN index of the published
/// rows. <c>article_search_query(words)</c> turns the reader's words into a tsquery: each word
/// stemmed as French or as English, all required, the last one a prefix (migration <c>AddArticleSearch</c>).
/// </summary>
internal sealed class PostgresArticleSearch : ArticleSearch
{
    private static readonly string HeadlineOptions =
        $"StartSel={MatchStart}, StopSel={MatchEnd}, MaxWords=24, MinWords=10, MaxFragments=1, FragmentDelimiter=\" … \"";

    public override IQueryable<ArticleHit> Hits(KnowledgeContext db, SearchTerms terms)
    {
        var words = terms.Words.ToArray();
        return db.Database.SqlQuery<ArticleHit>($"""
            SELECT a."Id" AS "ArticleId", ts_rank(a.search_vector, q.query)::float8 AS "Score"
            FROM articles AS a
            CROSS JOIN (SELECT article_search_query({words}) AS query) AS q
            WHERE a."Status" = 'Published' AND a.search_vector @@ q.query
            """);
    }

    public override async Task<IReadOnlyList<ArticleHighlights>> HighlightAsync(
        KnowledgeContext db, SearchTerms terms, IReadOnlyCollection<Guid> articles, CancellationToken cancellationToken)
    {
        var words = terms.Words.ToArray();
        var ids = articles.ToArray();
        var options = HeadlineOptions;
        return await db.Database.SqlQuery<ArticleHighlights>($"""
            SELECT a."Id" AS "ArticleId",
                   ts_headline('club_french', a."TitleFr", q.query, {options}) AS "TitleFr",
                   ts_headline('club_english', a."TitleEn", q.query, {options}) AS "TitleEn",
                   ts_headline('club_french', a."SummaryFr", q.query, {options}) AS "SummaryFr",
                   ts_headline('club_english', a."SummaryEn", q.query, {options}) AS "SummaryEn",
                   ts_headline('club_french', a."BodyFr", q.query, {options}) AS "BodyFr",
                   ts_headline('club_english', a."BodyEn", q.query, {options}) AS "BodyEn"
            FROM articles AS a
            CROSS JOIN (SELECT article_search_query({words}) AS query) AS q
            WHERE a."Id" = ANY({ids})
            """).ToListAsync(cancellationToken);
    }
}
