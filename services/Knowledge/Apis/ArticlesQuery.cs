using CircularPlatform.Contracts;
using CircularPlatform.Knowledge.Model;
using CircularPlatform.ServiceDefaults.Http;

namespace CircularPlatform.Knowledge.Apis;

/// <summary><c>GET /api/knowledge/articles?q&amp;theme&amp;kind&amp;lang&amp;page&amp;pageSize</c>.</summary>
public sealed record ArticlesQuery(string? Q, string? Theme, string? Kind, string? Lang, int? Page, int? PageSize)
{
    public const int MaxSearchLength = 100;

    public PageQuery Paging => new(Page, PageSize);

    public IQueryable<Article>? Apply(IQueryable<Article> articles, ValidationErrors errors)
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
        if (Q is { Length: > MaxSearchLength })
        {
            errors.Add("q", $"At most {MaxSearchLength} characters.");
        }
        if (errors.Any)
        {
            return null;
        }

        // Visitors and members only ever see what an organiser published.
        var query = articles.Where(a => a.Status == ArticleStatus.Published);
        if (theme is not null)
        {
            query = query.Where(a => a.Themes.Contains(theme));
        }
        if (!string.IsNullOrWhiteSpace(Kind))
        {
            query = query.Where(a => a.Kind == Kind);
        }
        if (Lang == Languages.English)
        {
            // French is always there; asking for English means articles that have it.
            query = query.Where(a => a.TitleEn != null && a.BodyEn != null);
        }
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var text = Q.Trim().ToLowerInvariant();
            query = query.Where(a => a.TitleFr.ToLower().Contains(text)
                || (a.TitleEn != null && a.TitleEn.ToLower().Contains(text))
                || (a.SummaryFr != null && a.SummaryFr.ToLower().Contains(text))
                || (a.SummaryEn != null && a.SummaryEn.ToLower().Contains(text)));
        }
        return query.OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id);
    }
}
