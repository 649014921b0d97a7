using System.Globalization;
using CircularPlatform.Contracts;
using CircularPlatform.Knowledge.Infrastructure.Search;
using CircularPlatform.Knowledge.Model;
using CircularPlatform.ServiceDefaults.Http;

namespace CircularPlatform.Knowledge.Apis;

/// <summary>
/// <c>GET /api/knowledge/articles?q&amp;theme&amp;kind&amp;lang&amp;organisation&amp;from&amp;to&amp;page&amp;pageSize</c>:
/// <c>from</c> and <c>to</c> are days (<c>2026-03-31</c>) of the published date, in Paris, both included.
/// </summary>
public sealed record ArticlesQuery(
    string? Q,
    string? Theme,
    string? Kind,
    string? Lang,
    int? Page,
    int? PageSize,
    string? Organisation = null,
    string? From = null,
    string? To = null)
{
    public const int MaxSearchLength = 100;

    public PageQuery Paging => new(Page, PageSize);

    /// <summary>What the list keeps, and the words to search for (null: no search); null when the query is not valid.</summary>
    public (ArticleFilter Filter, SearchTerms? Terms)? Apply(ValidationErrors errors)
    {
        Paging.Validate(errors);
        if (!Themes.TryFilter(Theme, out var theme))
        {
            errors.Add("theme", $"'{Theme}' is not one of the club's themes.");
        }
        if (!string.IsNullOrWhiteSpace(Kind) && !ArticleKinds.All.Contains(Kind))
        {
            errors.Add("kind", $"Use one of {string.Join(", ", ArticleKinds.All)}.");
        }
        if (!string.IsNullOrWhiteSpace(Lang) && !Languages.All.Contains(Lang))
        {
            errors.Add("lang", $"Use one of {string.Join(", ", Languages.All)}.");
        }
        Guid? organisation = null;
        if (!string.IsNullOrWhiteSpace(Organisation))
        {
            if (Guid.TryParse(Organisation.Trim(), out var id))
            {
                organisation = id;
            }
            else
            {
                errors.Add("organisation", "Give the organisation's id, e.g. 0195f3c2-7a1b-7c3d-9e4f-5a6b7c8d9e0f.");
            }
        }
        var from = Day(From, "from", errors);
        var to = Day(To, "to", errors);
        if (from is { } first && to is { } last && last < first)
        {
            errors.Add("to", "Must not come before 'from'.");
        }
        var terms = Search(errors);
        if (errors.Any)
        {
            return null;
        }

        var filter = new ArticleFilter(
            Theme: theme,
            Kind: string.IsNullOrWhiteSpace(Kind) ? null : Kind,
            // French is always there; asking for English means articles that have it.
            EnglishOnly: Lang == Languages.English,
            Organisation: organisation,
            Since: from is { } fromDay ? StartInParis(fromDay) : null,
            // The whole day: up to the start of the next one.
            Before: to is { } toDay ? StartInParis(toDay.AddDays(1)) : null);
        return (filter, terms);
    }

    private SearchTerms? Search(ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(Q))
        {
            return null;
        }
        if (Q.Length > MaxSearchLength)
        {
            errors.Add("q", $"At most {MaxSearchLength} characters.");
            return null;
        }
        var terms = SearchTerms.Of(Q);
        if (terms.Words.Count == 0)
        {
            errors.Add("q", "Search for at least one word of two letters or digits or more; punctuation and symbols are not searched.");
        }
        else if (terms.Words.Count > SearchTerms.MaxWords)
        {
            errors.Add("q", $"At most {SearchTerms.MaxWords} words: an article must hold every one.");
        }
        return terms;
    }

    private static DateOnly? Day(string? text, string field, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }
        errors.Add(field, "Use an ISO date, e.g. 2026-03-31.");
        return null;
    }

    /// <summary>Midnight in Paris, which always exists (the clocks change at two or three in the morning), in UTC.</summary>
    private static DateTime StartInParis(DateOnly day)
    {
        ParisTime.TryToUtc(day.ToDateTime(TimeOnly.MinValue), out var utc, out _);
        return utc;
    }
}
