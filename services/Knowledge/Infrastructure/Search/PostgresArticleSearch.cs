using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Lucene.Net.Tartarus.Snowball.Ext;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CircularPlatform.Knowledge.Infrastructure.Search;

/// <summary>
/// PostgreSQL's text search: <c>articles.search_vector</c> (every text) and <c>articles.head_vector</c>
/// (titles and summaries), stored generated columns (French texts through <c>club_french</c>,
/// English through <c>club_english</c>: unaccent, then the language's Snowball stemmer) under GIN
/// indexes of the published rows. <c>article_search_query(words)</c> turns the reader's words into
/// a tsquery: each word stemmed as French or as English, all required, the last one a prefix
/// (migrations <c>AddArticleSearch</c>, <c>SearchInPublicationOrder</c>).
/// </summary>
internal sealed partial class PostgresArticleSearch : ArticleSearch
{
    private static readonly string HeadlineOptions =
        $"StartSel={MatchStart}, StopSel={MatchEnd}, MaxWords=24, MinWords=10, MaxFragments=1, FragmentDelimiter=\" … \"";

    /// <summary>How many of the newest articles are looked at for heads before the GIN index is asked: a few milliseconds at most.</summary>
    private const int RecentHeadsWindow = 2_000;

    /// <summary>Heads among the newest hundred matches below which the GIN index finds them sooner than a walk.</summary>
    private const int MinHeadsSeen = 2;

    /// <summary>
    /// The list's filters on <c>articles AS a</c>, one condition each, given as the parameters of
    /// <see cref="Parameters"/>. An absent filter is a null parameter, which the planner folds away:
    /// each statement is planned with its values (Npgsql does not prepare them), so "null or ..." costs nothing.
    /// </summary>
    private const string Filters = """
        a."Status" = 'Published'
          AND (@theme::text IS NULL OR a."Themes" @> ARRAY[@theme]::text[]) AND (@kind::text IS NULL OR a."Kind" = @kind)
          AND (NOT @english OR (a."TitleEn" IS NOT NULL AND a."BodyEn" IS NOT NULL))
          AND (@organisation::uuid IS NULL OR a."OrganisationId" = @organisation)
          AND (@since::timestamptz IS NULL OR a."PublishedAt" >= @since) AND (@before::timestamptz IS NULL OR a."PublishedAt" < @before)
        """;

    /// <summary>The newest heads among the newest articles the filters keep.</summary>
    private static readonly string RecentHeads = $"""
        SELECT r."Id", TRUE AS "InHeads" FROM (
            SELECT a."Id", a."PublishedAt", a.head_vector FROM articles AS a
            WHERE {Filters}
            ORDER BY a."PublishedAt" DESC, a."Id" DESC LIMIT {RecentHeadsWindow}) AS r
        WHERE r.head_vector @@ article_search_query(@words)
        ORDER BY r."PublishedAt" DESC, r."Id" DESC LIMIT @limit
        """;

    /// <summary>Every head the filters keep, through the GIN index, then the newest of them.</summary>
    private static readonly string IndexedHeads = $"""
        WITH heads AS MATERIALIZED (
            SELECT a."Id", a."PublishedAt" FROM articles AS a
            WHERE a.head_vector @@ article_search_query(@words) AND {Filters})
        SELECT "Id", TRUE AS "InHeads" FROM heads ORDER BY "PublishedAt" DESC, "Id" DESC LIMIT @limit
        """;

    /// <summary>The newest matches (every article the filters keep without words), whether their heads hold the words, and the search's tsquery.</summary>
    private static readonly string Walk = $"""
        SELECT a."Id", a.head_vector @@ article_search_query(@words) AS "InHeads", article_search_query(@words)::text AS "Query"
        FROM articles AS a
        WHERE (@words::text[] IS NULL OR a.search_vector @@ article_search_query(@words)) AND {Filters}
        ORDER BY a."PublishedAt" DESC, a."Id" DESC LIMIT @limit
        """;

    /// <summary>
    /// Each search's tsquery as text, which the walk of its matches reads at no cost (the planner
    /// computes <c>article_search_query</c> once, a constant): the snippets' lexemes then need no
    /// command of their own (a SearchTerms lives for one request).
    /// </summary>
    private readonly ConditionalWeakTable<SearchTerms, string> _queries = [];

    protected override async Task<IReadOnlyList<NewestMatch>> NewestAsync(
        KnowledgeContext db, ArticleFilter filter, SearchTerms? terms, SearchScope scope, int limit, CancellationToken cancellationToken, int? headsSeen = null)
    {
        var words = terms?.Words.ToArray();
        if (scope == SearchScope.TitlesAndSummaries && headsSeen >= MinHeadsSeen)
        {
            // Heads are not rare among the newest matches: look for a page's worth among the newest
            // articles, newest first, each a look at its small in-row head_vector (a word in one
            // title in thirty is met within the newest six hundred), and stop at them.
            var recent = await db.Database.SqlQueryRaw<NewestMatch>(RecentHeads, Parameters(filter, words, limit)).ToListAsync(cancellationToken);
            if (recent.Count == limit)
            {
                return recent;
            }
        }
        if (scope == SearchScope.TitlesAndSummaries)
        {
            // Rarer in titles and summaries: their matches are found through the GIN index and then
            // ordered (the CTE keeps the planner from walking every article newest first in the hope
            // of meeting a match soon, which a word absent from titles turns into a full walk).
            return await db.Database.SqlQueryRaw<NewestMatch>(IndexedHeads, Parameters(filter, words, limit)).ToListAsync(cancellationToken);
        }
        // Whether a match's titles or summaries hold the words costs a look at its small, inline
        // head_vector: it spares the second search most of the time (see FindAsync).
        var matches = await db.Database.SqlQueryRaw<WalkedMatch>(Walk, Parameters(filter, words, limit)).ToListAsync(cancellationToken);
        if (terms is not null && matches is [{ Query: { } query }, ..])
        {
            _queries.AddOrUpdate(terms, query);
        }
        return [.. matches.Select(m => new NewestMatch(m.Id, m.InHeads))];
    }

    /// <summary>The filter's and the search's values, named as <see cref="Filters"/> and the statements use them; new ones for each command.</summary>
    private static NpgsqlParameter[] Parameters(ArticleFilter filter, string[]? words, int limit) =>
    [
        new NpgsqlParameter<string[]?>("words", words),
        new NpgsqlParameter<string?>("theme", filter.Theme),
        new NpgsqlParameter<string?>("kind", filter.Kind),
        new NpgsqlParameter<bool>("english", filter.EnglishOnly),
        new NpgsqlParameter<Guid?>("organisation", filter.Organisation),
        new NpgsqlParameter<DateTime?>("since", filter.Since),
        new NpgsqlParameter<DateTime?>("before", filter.Before),
        new NpgsqlParameter<int>("limit", limit),
    ];

    /// <summary>A row of the walk: a match, whether its heads hold the words, and the search's tsquery.</summary>
    internal sealed record WalkedMatch(Guid Id, bool? InHeads, string? Query);

    /// <summary>The search's stems as <c>article_search_query</c> makes them (its stop words left out), read from it rather than guessed.</summary>
    protected override async Task<WordMarker> MarkerAsync(KnowledgeContext db, SearchTerms terms, CancellationToken cancellationToken)
    {
        if (!_queries.TryGetValue(terms, out var query))
        {
            var words = terms.Words.ToArray();
            query = await db.Database.SqlQuery<string?>($"SELECT article_search_query({words})::text AS \"Value\"").SingleAsync(cancellationToken);
        }
        return new SnowballMarker(query is null ? [] : [.. Lexeme().Matches(query).Select(m => (m.Groups[1].Value.Replace("''", "'", StringComparison.Ordinal), m.Groups[2].Success))]);
    }

    protected override async Task<IReadOnlyList<ArticleHighlights>> HighlightAllAsync(
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

    /// <summary>A lexeme of a tsquery's text, <c>'word'</c>, and <c>:*</c> when it is a prefix.</summary>
    [GeneratedRegex(@"'((?:[^']|'')*)'(:\*)?")]
    private static partial Regex Lexeme();

    /// <summary>
    /// A text's words folded and stemmed as <c>club_french</c> and <c>club_english</c> write them
    /// (unaccent, then Snowball's French or English stemmer, by the text's language), against the
    /// query's lexemes: equal, or starting with a prefix lexeme.
    /// </summary>
    private sealed class SnowballMarker((string Lexeme, bool Prefix)[] lexemes) : WordMarker(lexemes.Select(l => l.Lexeme))
    {
        private readonly FrenchStemmer _french = new();
        private readonly EnglishStemmer _english = new();

        protected override bool Matches(string folded, string language)
        {
            var stem = Stem(language == "en" ? _english : _french, folded);
            foreach (var (lexeme, prefix) in lexemes)
            {
                if (stem == lexeme || prefix && stem.StartsWith(lexeme, StringComparison.Ordinal))
                {
                    return true;
                }
            }
            return false;
        }
    }
}
