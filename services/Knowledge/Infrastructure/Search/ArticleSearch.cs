using CircularPlatform.ServiceDefaults.Data;
using CircularPlatform.ServiceDefaults.Http;

namespace CircularPlatform.Knowledge.Infrastructure.Search;

/// <summary>
/// The list of published articles and its full-text search, in both languages, by the engine of
/// the database the service runs on (see docs/adr/0019): FTS5 on SQLite, tsvector and GIN on
/// PostgreSQL. The index itself is the database's, kept in the same transaction as every save;
/// this class only asks it.
/// </summary>
/// <remarks>
/// The order is the same on both engines, and each engine can stop after the rows a page needs:
/// first the articles whose titles or summaries hold every word, then those that hold them
/// elsewhere; newest first within each. No score is computed for every match, which on 50,000
/// articles and a word most of them hold was the whole cost of a search (docs/adr/0021).
/// </remarks>
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

    /// <summary>
    /// One page of the published articles the filter keeps and that hold every word (all of them
    /// without words), in the list's order, and how many there are, counted up to
    /// <paramref name="countUpTo"/> or to the end of the page, whichever is further.
    /// </summary>
    public async Task<ArticleMatches> FindAsync(
        KnowledgeContext db, ArticleFilter filter, SearchTerms? terms, PageQuery page, int countUpTo, CancellationToken cancellationToken)
    {
        var skip = (page.Number - 1) * page.Size;
        var wanted = skip + page.Size;
        var limit = Math.Max(wanted, countUpTo) + 1;
        var anywhere = await NewestAsync(db, filter, terms, SearchScope.Everywhere, limit, cancellationToken);
        var complete = anywhere.Count < limit;
        var count = complete ? anywhere.Count : limit - 1;
        if (terms is null || anywhere.Count <= skip)
        {
            return new ArticleMatches([.. anywhere.Skip(skip).Take(page.Size).Select(m => m.Id)], count, complete);
        }
        // The page's places are taken by the titles' and summaries' newest `wanted`, then by the
        // newest others: if there are more heads than that, the page holds only heads. Heads are
        // among the matches, in the same order: when the engine tells which matches are heads,
        // and the newest matches hold `wanted` of them (or are all the matches), those are the
        // newest heads, and the index need not be asked again.
        var flagged = anywhere.All(m => m.InHeads is not null);
        var known = anywhere.Where(m => m.InHeads == true).Select(m => m.Id).Take(wanted).ToList();
        var heads = flagged && (known.Count == wanted || complete)
            ? known
            : [.. (await NewestAsync(db, filter, terms, SearchScope.TitlesAndSummaries, wanted, cancellationToken, flagged ? known.Count : null)).Select(m => m.Id)];
        var first = heads.ToHashSet();
        List<Guid> ordered = [.. heads, .. anywhere.Select(m => m.Id).Where(id => !first.Contains(id))];
        return new ArticleMatches([.. ordered.Skip(skip).Take(page.Size)], count, complete);
    }

    /// <summary>
    /// The newest <paramref name="limit"/> published articles the filter keeps and whose texts in
    /// <paramref name="scope"/> hold every word; with, if the engine tells it at no cost, whether
    /// their titles or summaries hold them (<see cref="NewestMatch.InHeads"/>).
    /// <paramref name="headsSeen"/>: for the titles and summaries, how many the newest matches held, when known.
    /// </summary>
    protected abstract Task<IReadOnlyList<NewestMatch>> NewestAsync(
        KnowledgeContext db, ArticleFilter filter, SearchTerms? terms, SearchScope scope, int limit, CancellationToken cancellationToken, int? headsSeen = null);

    /// <summary>
    /// The matched words of a page's articles marked in their <paramref name="texts"/>, for the snippets: marked here,
    /// by the index's own rules (<see cref="WordMarker"/>), in the first text that shows them, the
    /// body in each article's language first (<paramref name="english"/>: those shown in English);
    /// by the engine, in every text, only for an article where those rules and the engine's differ.
    /// </summary>
    public async Task<IReadOnlyList<ArticleHighlights>> HighlightAsync(
        KnowledgeContext db, SearchTerms terms, IReadOnlyList<ArticleHighlights> texts, IReadOnlySet<Guid> english, CancellationToken cancellationToken)
    {
        var marker = await MarkerAsync(db, terms, cancellationToken);
        var marked = texts.Select(t => marker.Mark(t, english.Contains(t.ArticleId))).OfType<ArticleHighlights>().ToList();
        var rest = texts.Select(t => t.ArticleId).Except(marked.Select(m => m.ArticleId)).ToList();
        return rest.Count == 0 ? marked : [.. marked, .. await HighlightAllAsync(db, terms, rest, cancellationToken)];
    }

    /// <summary>What marks the search's words as the engine's index matches them.</summary>
    protected abstract Task<WordMarker> MarkerAsync(KnowledgeContext db, SearchTerms terms, CancellationToken cancellationToken);

    /// <summary>Every text of each article marked by the engine itself.</summary>
    protected abstract Task<IReadOnlyList<ArticleHighlights>> HighlightAllAsync(
        KnowledgeContext db, SearchTerms terms, IReadOnlyCollection<Guid> articles, CancellationToken cancellationToken);

    protected enum SearchScope
    {
        TitlesAndSummaries,
        Everywhere,
    }
}

/// <summary>What a list keeps of the published articles: each given filter must hold; <see cref="Before"/> is excluded.</summary>
public sealed record ArticleFilter(
    string? Theme = null, string? Kind = null, bool EnglishOnly = false, Guid? Organisation = null, DateTime? Since = null, DateTime? Before = null);

/// <summary>An article a search found; whether its titles or summaries hold every word, when the engine told.</summary>
public sealed record NewestMatch(Guid Id, bool? InHeads);

/// <summary>A page of the articles found, in the list's order; how many were counted, and whether that is all of them.</summary>
public sealed record ArticleMatches(IReadOnlyList<Guid> Page, int Count, bool Complete);

/// <summary>
/// An article's texts around what matched, the words marked with <see cref="ArticleSearch.MatchStart"/>
/// and <see cref="ArticleSearch.MatchEnd"/>; a text that did not match comes back unmarked (or null when absent).
/// </summary>
public sealed record ArticleHighlights(
    Guid ArticleId, string? TitleFr, string? TitleEn, string? SummaryFr, string? SummaryEn, string? BodyFr, string? BodyEn);
