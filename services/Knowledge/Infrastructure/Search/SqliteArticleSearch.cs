using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace CircularPlatform.Knowledge.Infrastructure.Search;

/// <summary>
/// SQLite's FTS5: the table <c>article_search</c> holds the published articles' texts, tokenised by
/// <c>porter unicode61 remove_diacritics 2</c> (case and accents folded, English stemming), and
/// <c>article_search_keys</c> gives each article the integer row FTS5 needs; triggers on
/// <c>articles</c> keep both (migration <c>AddArticleSearch</c>).
/// </summary>
/// <remarks>
/// FTS5 has no French stemmer. Every word of three letters or more is therefore matched as a
/// prefix ("déchet" finds "déchets", "recycl" finds "recyclage"); Porter's English rules fold
/// some French endings too (énergie/énergies, recycler/recyclé), by luck rather than design.
/// </remarks>
internal sealed class SqliteArticleSearch : ArticleSearch
{
    public override IQueryable<ArticleHit> Hits(KnowledgeContext db, SearchTerms terms)
    {
        var match = Match(terms);
        // bm25's weights, one per column in the table's order: a word in a title counts ten times
        // one in a body, in a summary four times. bm25 is lower for better matches, a score higher.
        // LIMIT -1 (no limit) keeps the matches a subquery of their own, found first: joined
        // flat, SQLite's planner walked every article and asked FTS5 about each (minutes on 50,000).
        return db.Database.SqlQuery<ArticleHit>($"""
            SELECT k.article_id AS ArticleId, -bm25(article_search, 10.0, 10.0, 4.0, 4.0, 1.0, 1.0) AS Score
            FROM article_search
            JOIN article_search_keys AS k ON k.search_row = article_search.rowid
            WHERE article_search MATCH {match}
            LIMIT -1
            """);
    }

    public override async Task<IReadOnlyList<ArticleHighlights>> HighlightAsync(
        KnowledgeContext db, SearchTerms terms, IReadOnlyCollection<Guid> articles, CancellationToken cancellationToken)
    {
        var match = Match(terms);
        // The keys hold ids as EF Core writes them on SQLite: upper-case text.
        var ids = JsonSerializer.Serialize(articles.Select(a => a.ToString().ToUpperInvariant()));
        var start = MatchStart.ToString();
        var end = MatchEnd.ToString();
        return await db.Database.SqlQuery<ArticleHighlights>($"""
            SELECT k.article_id AS ArticleId,
                   snippet(article_search, 0, {start}, {end}, '…', 16) AS TitleFr,
                   snippet(article_search, 1, {start}, {end}, '…', 16) AS TitleEn,
                   snippet(article_search, 2, {start}, {end}, '…', 24) AS SummaryFr,
                   snippet(article_search, 3, {start}, {end}, '…', 24) AS SummaryEn,
                   snippet(article_search, 4, {start}, {end}, '…', 24) AS BodyFr,
                   snippet(article_search, 5, {start}, {end}, '…', 24) AS BodyEn
            FROM article_search
            JOIN article_search_keys AS k ON k.search_row = article_search.rowid
            WHERE article_search MATCH {match}
              AND article_search.rowid IN (SELECT search_row FROM article_search_keys WHERE article_id IN (SELECT value FROM json_each({ids})))
            """).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Each word as an FTS5 string ("…", which no word can break out of: words hold no quote),
    /// all of them required; a prefix from three letters on, shorter ones whole ("de" is not every word starting with de).
    /// </summary>
    private static string Match(SearchTerms terms) =>
        string.Join(' ', terms.Words.Select(w => w.Length >= 3 ? $"\"{w}\"*" : $"\"{w}\""));
}
