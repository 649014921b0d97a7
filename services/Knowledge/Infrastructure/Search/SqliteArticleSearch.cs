using System.Runtime.CompilerServices;
using System.Text.Json;
using Lucene.Net.Tartarus.Snowball.Ext;
using Microsoft.EntityFrameworkCore;

namespace CircularPlatform.Knowledge.Infrastructure.Search;

/// <summary>
/// SQLite's FTS5: <c>article_search</c> holds the published articles' texts and
/// <c>article_search_heads</c> their titles and summaries alone, both tokenised by
/// <c>porter unicode61 remove_diacritics 2</c> (case and accents folded, English stemming), and a
/// <c>facets</c> column of words for the list's filters; triggers on <c>articles</c> keep them
/// (migrations <c>AddArticleSearch</c>, <c>SearchInPublicationOrder</c>).
/// </summary>
/// <remarks>
/// <para>
/// An article's row number in the index is its publication time in milliseconds (times 4,096, to
/// part articles of the same millisecond), so FTS5's own order, by row, is the list's, and a page
/// needs only the rows it shows; the dates of <c>from</c> and <c>to</c> are a range of rows.
/// </para>
/// <para>
/// FTS5 has no French stemmer. Every word of three letters or more is therefore matched as a
/// prefix ("déchet" finds "déchets", "recycl" finds "recyclage"); Porter's English rules fold
/// some French endings too (énergie/énergies, recycler/recyclé), by luck rather than design.
/// </para>
/// </remarks>
internal sealed class SqliteArticleSearch : ArticleSearch
{
    /// <summary>Articles published within the same millisecond: more than a club ever publishes at once.</summary>
    private const long RowsPerMillisecond = 4_096;

    private const string Texts = "{title_fr title_en summary_fr summary_en body_fr body_en}";
    private const string Heads = "{title_fr title_en summary_fr summary_en}";

    private readonly SearchVocabulary _vocabulary = new();

    /// <summary>
    /// Each search's words as FTS5 reads them, worked out once: a list asks the index twice and
    /// its snippets once, all with the same words (a SearchTerms lives for one request).
    /// </summary>
    private readonly ConditionalWeakTable<SearchTerms, string> _matches = [];

    protected override async Task<IReadOnlyList<NewestMatch>> NewestAsync(
        KnowledgeContext db, ArticleFilter filter, SearchTerms? terms, SearchScope scope, int limit, CancellationToken cancellationToken, int? headsSeen = null)
    {
        var match = Facets(filter);
        if (terms is not null)
        {
            match = $"{(scope == SearchScope.TitlesAndSummaries ? Heads : Texts)} : ({await WordsAsync(db, terms, cancellationToken)}) AND {match}";
        }
        var low = filter.Since is { } since ? RowOf(since) : long.MinValue;
        var high = filter.Before is { } before ? RowOf(before) : long.MaxValue;
        // FTS5 walks its rows newest first and stops at the limit; each row found costs one look-up of its article's id.
        var ids = scope == SearchScope.TitlesAndSummaries
            ? db.Database.SqlQuery<Guid>($"""
                SELECT k.article_id AS Value
                FROM article_search_heads AS s JOIN article_search_keys AS k ON k.search_row = s.rowid
                WHERE article_search_heads MATCH {match} AND s.rowid >= {low} AND s.rowid < {high}
                ORDER BY s.rowid DESC LIMIT {limit}
                """)
            : db.Database.SqlQuery<Guid>($"""
                SELECT k.article_id AS Value
                FROM article_search AS s JOIN article_search_keys AS k ON k.search_row = s.rowid
                WHERE article_search MATCH {match} AND s.rowid >= {low} AND s.rowid < {high}
                ORDER BY s.rowid DESC LIMIT {limit}
                """);
        return [.. (await ids.ToListAsync(cancellationToken)).Select(id => new NewestMatch(id, null))];
    }

    protected override Task<WordMarker> MarkerAsync(KnowledgeContext db, SearchTerms terms, CancellationToken cancellationToken) =>
        Task.FromResult<WordMarker>(new PorterMarker(terms));

    protected override async Task<IReadOnlyList<ArticleHighlights>> HighlightAllAsync(
        KnowledgeContext db, SearchTerms terms, IReadOnlyCollection<Guid> articles, CancellationToken cancellationToken)
    {
        var match = $"{Texts} : ({await WordsAsync(db, terms, cancellationToken)})";
        var ids = Keys(articles);
        var start = MatchStart.ToString();
        var end = MatchEnd.ToString();
        // The page's rows bound FTS5's walk; "+" keeps their list a filter on that walk, not one
        // search per row (each would gather the words' matches again).
        return await db.Database.SqlQuery<ArticleHighlights>($"""
            WITH page AS MATERIALIZED (SELECT search_row FROM article_search_keys WHERE article_id IN (SELECT value FROM json_each({ids})))
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
              AND article_search.rowid >= (SELECT min(search_row) FROM page)
              AND article_search.rowid <= (SELECT max(search_row) FROM page)
              AND +article_search.rowid IN (SELECT search_row FROM page)
            """).ToListAsync(cancellationToken);
    }

    /// <summary>Article ids as a JSON array, as EF Core writes them on SQLite: upper-case text.</summary>
    private static string Keys(IEnumerable<Guid> articles) =>
        JsonSerializer.Serialize(articles.Select(a => a.ToString().ToUpperInvariant()));

    /// <summary>The first row of a moment: the index's rows are publication times (see the class).</summary>
    private static long RowOf(DateTime utc) =>
        (long)Math.Round((utc - DateTime.UnixEpoch).TotalMilliseconds) * RowsPerMillisecond;

    /// <summary>
    /// Each word as FTS5 strings ("…", which no word can break out of: words hold no quote), all
    /// of them required. A word of three letters or more also finds the words it starts: as the
    /// index's whole words it starts when the vocabulary knows them (a word of the index passes
    /// the tokeniser unchanged), else as an FTS5 prefix; shorter ones only whole ("de" is not
    /// every word starting with de). A prefix of three letters has an index of its own.
    /// </summary>
    private async Task<string> WordsAsync(KnowledgeContext db, SearchTerms terms, CancellationToken cancellationToken)
    {
        if (_matches.TryGetValue(terms, out var known))
        {
            return known;
        }
        long? version = null;
        var words = new List<string>();
        foreach (var word in terms.Words)
        {
            if (word.Length < 3)
            {
                words.Add($"\"{word}\"");
                continue;
            }
            if (word.Length > 3)
            {
                version ??= await db.Database.SqlQuery<long>($"SELECT version AS Value FROM article_search_version").SingleAsync(cancellationToken);
                if (!_vocabulary.TryExpand(word, version.Value, out var starts))
                {
                    _vocabulary.Refresh(db.Database.GetConnectionString()!);
                }
                else if (starts is not null)
                {
                    words.Add("(" + string.Join(" OR ", [$"\"{word}\"", .. starts.Select(t => $"\"{t}\"")]) + ")");
                    continue;
                }
            }
            words.Add($"\"{word}\"*");
        }
        var match = string.Join(" AND ", words);
        _matches.AddOrUpdate(terms, match);
        return match;
    }

    /// <summary>
    /// The filter as words of the <c>facets</c> column, which the triggers write: "published" on
    /// every row, so that a list without filters is a search too, then kind, themes, organisation
    /// and "english". Written as the triggers write them (letters and digits only), so the
    /// tokeniser turns both into the same words.
    /// </summary>
    private static string Facets(ArticleFilter filter)
    {
        List<string> facets = ["published"];
        if (filter.Kind is { } kind)
        {
            facets.Add("kind" + Squeeze(kind));
        }
        if (filter.Theme is { } theme)
        {
            facets.Add("theme" + Squeeze(theme));
        }
        if (filter.Organisation is { } organisation)
        {
            facets.Add("org" + organisation.ToString("N"));
        }
        if (filter.EnglishOnly)
        {
            facets.Add("english");
        }
        return "{facets} : (" + string.Join(' ', facets.Select(f => $"\"{f}\"")) + ")";
    }

    private static string Squeeze(string slug) => slug.Replace("-", "", StringComparison.Ordinal);

    /// <summary>
    /// The words as <see cref="WordsAsync"/> has FTS5 match them, against a text's words folded and
    /// stemmed as <c>porter unicode61 remove_diacritics 2</c> writes them into the index: a word's
    /// stem; for a word of four letters or more, the index's words it starts; for one of three,
    /// the words its stem starts. (FTS5's Porter leaves words of fewer than three letters alone.)
    /// </summary>
    private sealed class PorterMarker : WordMarker
    {
        private readonly PorterStemmer _porter;
        private readonly (string Folded, string Stem)[] _words;

        public PorterMarker(SearchTerms terms)
            : this(new PorterStemmer(), [.. terms.Words.Select(Fold)])
        {
        }

        private PorterMarker(PorterStemmer porter, string[] folded)
            : this(porter, [.. folded.Select(f => (f, PorterStem(porter, f)))])
        {
        }

        private PorterMarker(PorterStemmer porter, (string Folded, string Stem)[] words)
            : base([.. words.Select(w => w.Folded), .. words.Select(w => w.Stem)])
        {
            _porter = porter;
            _words = words;
        }

        protected override bool Matches(string folded, string language)
        {
            var stem = PorterStem(_porter, folded);
            foreach (var (word, wordStem) in _words)
            {
                if (stem == wordStem
                    || word.Length > 3 && stem.StartsWith(word, StringComparison.Ordinal)
                    || word.Length == 3 && stem.StartsWith(wordStem, StringComparison.Ordinal))
                {
                    return true;
                }
            }
            return false;
        }

        private static string PorterStem(PorterStemmer porter, string folded) => folded.Length < 3 ? folded : Stem(porter, folded);
    }
}
