using CircularPlatform.Knowledge.Infrastructure;
using CircularPlatform.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CircularPlatform.Knowledge.Apis;

public static class ArticlesApi
{
    public static IEndpointRouteBuilder MapArticlesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/knowledge").WithTags("Knowledge");

        api.MapGet("/articles", ListArticles)
            .WithName("ListArticles")
            .WithSummary("Published best practices, feedback and guides, newest first, by text, theme, kind and language.");
        return app;
    }

    public static async Task<Results<Ok<Paged<ArticleSummaryResponse>>, ValidationProblem>> ListArticles(
        [AsParameters] ArticlesQuery query, KnowledgeContext db, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var articles = query.Apply(db.Articles.AsNoTracking(), errors);
        if (articles is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        return TypedResults.Ok(await articles.ToPageAsync(query.Paging, ArticleSummaryResponse.From, cancellationToken));
    }
}
