using CircularPlatform.Contracts;
using CircularPlatform.Members.Model;
using CircularPlatform.ServiceDefaults.Http;

namespace CircularPlatform.Members.Apis;

/// <summary><c>GET /api/members/organisations?q&amp;theme&amp;municipality&amp;kind&amp;status&amp;page&amp;pageSize</c>.</summary>
public sealed record OrganisationsQuery(
    string? Q,
    string? Theme,
    string? Municipality,
    string? Kind,
    string? Status,
    int? Page,
    int? PageSize)
{
    public const int MaxSearchLength = 100;

    public PageQuery Paging => new(Page, PageSize);

    /// <summary>A status other than active: pending and archived organisations are for the organisers.</summary>
    public bool AsksForUnlisted => EnumFilter.TryParse<OrganisationStatus>(Status, out var status)
        && status is { } asked && asked != OrganisationStatus.Active;

    /// <param name="seesUnlisted">Organisers: by default everything but the archived, and any status asked for.
    /// Anyone else: the active organisations, the club's directory.</param>
    public IQueryable<Organisation>? Apply(IQueryable<Organisation> organisations, ValidationErrors errors, bool seesUnlisted)
    {
        Paging.Validate(errors);
        string? municipality = null;
        if (!string.IsNullOrWhiteSpace(Municipality) && !Municipalities.TryFind(Municipality, out municipality))
        {
            errors.Add("municipality", $"'{Municipality}' is not one of the 36 municipalities of Lens-Liévin.");
        }
        if (!Themes.TryFilter(Theme, out var theme))
        {
            errors.Add("theme", $"'{Theme}' is not one of the club's themes.");
        }
        if (!string.IsNullOrWhiteSpace(Kind) && !OrganisationKinds.All.Contains(Kind))
        {
            errors.Add("kind", $"Use one of {string.Join(", ", OrganisationKinds.All)}.");
        }
        if (!EnumFilter.TryParse<OrganisationStatus>(Status, out var status))
        {
            errors.Add("status", EnumFilter.Reason<OrganisationStatus>());
        }
        if (Q is { Length: > MaxSearchLength })
        {
            errors.Add("q", $"At most {MaxSearchLength} characters.");
        }
        if (errors.Any)
        {
            return null;
        }

        // Archived organisations have left the directory; they are listed only when asked for.
        var query = status is { } wanted ? organisations.Where(o => o.Status == wanted)
            : seesUnlisted ? organisations.Where(o => o.Status != OrganisationStatus.Archived)
            : organisations.Where(o => o.Status == OrganisationStatus.Active);
        if (theme is not null)
        {
            query = query.Where(o => o.Themes.Contains(theme));
        }
        if (municipality is not null)
        {
            query = query.Where(o => o.Municipality == municipality);
        }
        if (!string.IsNullOrWhiteSpace(Kind))
        {
            query = query.Where(o => o.Kind == Kind);
        }
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var text = Q.Trim().ToLowerInvariant();
            query = query.Where(o => o.Name.ToLower().Contains(text)
                || (o.Sector != null && o.Sector.ToLower().Contains(text))
                || (o.DescriptionFr != null && o.DescriptionFr.ToLower().Contains(text))
                || (o.DescriptionEn != null && o.DescriptionEn.ToLower().Contains(text)));
        }
        return query.OrderBy(o => o.Name).ThenBy(o => o.Id);
    }
}
