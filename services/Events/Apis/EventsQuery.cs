using CircularPlatform.Contracts;
using CircularPlatform.Events.Model;
using CircularPlatform.ServiceDefaults.Http;

namespace CircularPlatform.Events.Apis;

/// <summary><c>GET /api/events?from&amp;to&amp;theme&amp;municipality&amp;kind&amp;q&amp;page&amp;pageSize</c>.</summary>
public sealed record EventsQuery(
    DateTimeOffset? From,
    DateTimeOffset? To,
    string? Theme,
    string? Municipality,
    string? Kind,
    string? Q,
    int? Page,
    int? PageSize,
    string? Lang = null)
{
    public const int MaxSearchLength = 100;

    public PageQuery Paging => new(Page, PageSize);

    public IQueryable<ClubEvent>? Apply(IQueryable<ClubEvent> events, ValidationErrors errors)
    {
        Paging.Validate(errors);
        if (From is { } from && To is { } to && to < from)
        {
            errors.Add("to", "Must not come before 'from'.");
        }
        string? municipality = null;
        if (!string.IsNullOrWhiteSpace(Municipality) && !Municipalities.TryFind(Municipality, out municipality))
        {
            errors.Add("municipality", $"'{Municipality}' is not one of the 36 municipalities of Lens-Liévin.");
        }
        if (!Themes.TryFilter(Theme, out var theme))
        {
            errors.Add("theme", $"'{Theme}' is not one of the club's themes.");
        }
        if (!string.IsNullOrWhiteSpace(Kind) && !EventKinds.All.Contains(Kind))
        {
            errors.Add("kind", $"Use one of {string.Join(", ", EventKinds.All)}.");
        }
        if (!ReaderLanguage.IsValid(Lang))
        {
            errors.Add("lang", ReaderLanguage.Reason);
        }
        if (Q is { Length: > MaxSearchLength })
        {
            errors.Add("q", $"At most {MaxSearchLength} characters.");
        }
        if (errors.Any)
        {
            return null;
        }

        // Drafts are the organisers' work in progress, not part of the public calendar.
        var query = events.Where(e => e.Status != EventStatus.Draft);
        if (From is { } start)
        {
            var fromUtc = start.UtcDateTime;
            query = query.Where(e => e.EndsAt >= fromUtc);
        }
        if (To is { } end)
        {
            var toUtc = end.UtcDateTime;
            query = query.Where(e => e.StartsAt <= toUtc);
        }
        if (theme is not null)
        {
            query = query.Where(e => e.Themes.Contains(theme));
        }
        if (municipality is not null)
        {
            query = query.Where(e => e.Municipality == municipality);
        }
        if (!string.IsNullOrWhiteSpace(Kind))
        {
            query = query.Where(e => e.Kind == Kind);
        }
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var text = Q.Trim().ToLowerInvariant();
            query = query.Where(e => e.TitleFr.ToLower().Contains(text)
                || (e.TitleEn != null && e.TitleEn.ToLower().Contains(text))
                || (e.DescriptionFr != null && e.DescriptionFr.ToLower().Contains(text))
                || (e.DescriptionEn != null && e.DescriptionEn.ToLower().Contains(text)));
        }
        return query.OrderBy(e => e.StartsAt).ThenBy(e => e.Id);
    }
}
