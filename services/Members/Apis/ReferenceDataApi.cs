using CircularPlatform.Contracts;
using CircularPlatform.Members.Infrastructure;
using CircularPlatform.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CircularPlatform.Members.Apis;

public static class ReferenceDataApi
{
    public static IEndpointRouteBuilder MapReferenceDataApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/members").WithTags("Reference data");

        api.MapGet("/themes", ListThemes)
            .WithName("ListThemes")
            .WithSummary("The club's themes with their List of Waste codes; all of them in one page unless pageSize says otherwise.");
        api.MapGet("/municipalities", ListMunicipalities)
            .WithName("ListMunicipalities")
            .WithSummary("The 36 municipalities of Lens-Liévin; all of them in one page unless pageSize says otherwise.");
        return app;
    }

    public static async Task<Results<Ok<Paged<ThemeResponse>>, ValidationProblem>> ListThemes(
        int? page, int? pageSize, MembersContext db, CancellationToken cancellationToken)
    {
        var paging = ReferencePaging(page, pageSize, out var errors);
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        var themes = db.Themes.AsNoTracking().OrderBy(t => t.Position);
        return TypedResults.Ok(await themes.ToPageAsync(paging, t => new ThemeResponse(
            t.Slug, new BilingualText { Fr = t.NameFr, En = t.NameEn }, t.WasteCodes), cancellationToken));
    }

    public static async Task<Results<Ok<Paged<MunicipalityResponse>>, ValidationProblem>> ListMunicipalities(
        int? page, int? pageSize, MembersContext db, CancellationToken cancellationToken)
    {
        var paging = ReferencePaging(page, pageSize, out var errors);
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        var municipalities = db.Municipalities.AsNoTracking().OrderBy(m => m.Position);
        return TypedResults.Ok(await municipalities.ToPageAsync(paging, m => new MunicipalityResponse(m.Name), cancellationToken));
    }

    /// <summary>
    /// Reference lists are short and feed pick lists, so one page holds them all by default; the
    /// answer keeps the same page shape as every other list.
    /// </summary>
    private static PageQuery ReferencePaging(int? page, int? pageSize, out ValidationErrors errors)
    {
        errors = new ValidationErrors();
        var paging = new PageQuery(page, pageSize ?? PageQuery.MaxPageSize);
        paging.Validate(errors);
        return paging;
    }
}

public sealed record ThemeResponse(string Slug, BilingualText Name, IReadOnlyList<string> WasteCodes);

public sealed record MunicipalityResponse(string Name);
