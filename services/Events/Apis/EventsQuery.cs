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
    string? Lang = null,
    string? Status = null,
    string? When = null)
{
    public const int MaxSearchLength = 100;

    public PageQuery Paging => new(Page, PageSize);

    /// <summary>The calendar as this reader may see it: drafts only for organisers, and only when they ask for them.</summary>
    public IQueryable<ClubEvent>? Apply(IQueryable<ClubEvent> events, ValidationErrors errors, bool organiser, DateTime now)
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
        if (!EnumFilter.TryParse<EventStatus>(Status, out var status))
        {
            errors.Add("status", EnumFilter.Reason<EventStatus>());
        }
        else if (status == EventStatus.Draft && !organiser)
        {
            errors.Add("status", "Drafts are the organisers' work in progress: only organisers list them.");
        }
        var when = When?.Trim().ToLowerInvariant();
        if (when is not (null or "" or "upcoming" or "past"))
        {
            errors.Add("when", "Use upcoming or past.");
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
        var query = status is { } only ? events.Where(e => e.Status == only) : events.Where(e => e.Status != EventStatus.Draft);
        // An event is past once it has ended: the one going on now is still upcoming.
        if (when == "upcoming")
        {
            query = query.Where(e => e.EndsAt > now);
        }
        else if (when == "past")
        {
            query = query.Where(e => e.EndsAt <= now);
        }
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
        // Accents and case ignored: "dechets" finds "Biodéchets", "ŒUVRE" finds "œuvre".
        if (!string.IsNullOrWhiteSpace(Q) && SearchKey.Of(Q) is { Length: > 0 } text)
        {
            query = query.Where(e => e.SearchText.Contains(text));
        }
        // The past from the latest: what just happened comes first.
        return when == "past"
            ? query.OrderByDescending(e => e.StartsAt).ThenBy(e => e.Id)
            : query.OrderBy(e => e.StartsAt).ThenBy(e => e.Id);
    }
}
