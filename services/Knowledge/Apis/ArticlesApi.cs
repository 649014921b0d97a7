using System.Security.Claims;
using CircularPlatform.Knowledge.Infrastructure;
using CircularPlatform.Knowledge.Infrastructure.Search;
using CircularPlatform.Knowledge.IntegrationEvents;
using CircularPlatform.Knowledge.Model;
using CircularPlatform.ServiceDefaults.Http;
using CircularPlatform.ServiceDefaults.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CircularPlatform.Knowledge.Apis;

public static class ArticlesApi
{
    public static IEndpointRouteBuilder MapArticlesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/knowledge").WithTags("Knowledge");

        api.MapGet("/articles", ListArticles)
            .WithName("ListArticles")
            .WithSummary("Published best practices, feedback, case studies, guides and programmes in the reader's language: newest first, or with q those whose title or summary holds every word first, then the others, newest first within each, with a highlighted snippet; by theme, kind, language, organisation and published date; counted up to 100 (totalExact).");
        api.MapGet("/articles/{id:guid}", GetArticle)
            .WithName("GetArticle")
            .WithSummary("One article with its ETag, its body rendered to sanitised HTML in the reader's language (lang or Accept-Language, else French); drafts only for their author and organisers.")
            .Produces<ArticleResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/articles/mine", ListMyArticles)
            .RequireAuthorization(ClubPolicies.Member)
            .WithName("ListMyArticles")
            .WithSummary("The signed-in member's articles, written alone or with others (an event's feedback draft among them), latest change first; status= to keep one state.")
            .Produces<Paged<ArticleSummaryResponse>>()
            .ProducesValidationProblem();
        api.MapGet("/articles/under-review", ListArticlesUnderReview)
            .RequireAuthorization(ClubPolicies.Organiser)
            .WithName("ListArticlesUnderReview")
            .WithSummary("What waits for an organiser, longest waiting first: submitted articles, and drafts nobody signs (the feedback of an event that named no organiser).")
            .Produces<Paged<ArticleSummaryResponse>>()
            .ProducesValidationProblem();
        api.MapGet("/articles/{id:guid}/revisions", ListRevisions)
            .RequireAuthorization(ClubPolicies.Member)
            .WithName("ListArticleRevisions")
            .WithSummary("Every saved version of an article, newest first, with who saved it and when; for its author and organisers.")
            .Produces<Paged<ArticleRevisionResponse>>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/articles/{id:guid}/revisions/diff", CompareRevisions)
            .RequireAuthorization(ClubPolicies.Member)
            .WithName("CompareArticleRevisions")
            .WithSummary("What changed between two revisions (from, to; by default the last one and the one before it), field by field, texts line by line; for its authors and organisers.")
            .Produces<RevisionDiffResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/articles", WriteArticle)
            .RequireAuthorization(ClubPolicies.Member)
            .WithName("WriteArticle")
            .WithSummary("Starts a draft article of the signed-in member's, in French and optionally English (Markdown).")
            .Produces<ArticleResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem();
        api.MapPut("/articles/{id:guid}", ChangeArticle)
            .RequireAuthorization(ClubPolicies.Member)
            .WithName("ChangeArticle")
            .WithSummary("Saves a new revision of an article (If-Match required): its author's draft, or a published article, which goes back to review.")
            .Produces<ArticleResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
        api.MapPost("/articles/{id:guid}/submit", SubmitArticle)
            .RequireAuthorization(ClubPolicies.Member)
            .WithName("SubmitArticle")
            .WithSummary("The author hands their draft to the organisers for review.")
            .Produces<ArticleResponse>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/articles/{id:guid}/approve", ApproveArticle)
            .RequireAuthorization(ClubPolicies.Organiser)
            .WithName("ApproveArticle")
            .WithSummary("Publishes a submitted article for everyone and announces it (ArticlePublished).")
            .Produces<ArticleResponse>()
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/articles/{id:guid}/reject", RejectArticle)
            .RequireAuthorization(ClubPolicies.Organiser)
            .WithName("RejectArticle")
            .WithSummary("Sends a submitted article back to its author as a draft, with the comment they read.")
            .Produces<ArticleResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/articles/{id:guid}/archive", ArchiveArticle)
            .RequireAuthorization(ClubPolicies.Organiser)
            .WithName("ArchiveArticle")
            .WithSummary("Takes a published article out of the list; it stays readable at its address.")
            .Produces<ArticleResponse>()
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    public static async Task<Results<Ok<ArticleListPage>, ValidationProblem>> ListArticles(
        [AsParameters] ArticlesQuery query, HttpContext http, KnowledgeContext db, ArticleSearch search, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (query.Apply(errors) is not { } asked)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        var (filter, terms) = asked;
        var language = ReaderLanguage.Requested(http.Request, query.Lang);
        http.Response.Headers.Vary = "Accept-Language";

        // The page's ids, and the count up to a bound (see ArticleListPage), from the index; then
        // the page's rows, and for a search their snippets, which read the texts.
        var paging = query.Paging;
        var found = await search.FindAsync(db, filter, terms, paging, ArticleListPage.CountedUpTo, cancellationToken);
        var ids = found.Page;
        var rows = ids.Count == 0 ? []
            : (await db.Articles.AsNoTracking().Where(a => ids.Contains(a.Id)).Select(ListingOf(bodies: terms is not null)).ToListAsync(cancellationToken)).ToDictionary(a => a.Id);
        // An article unpublished between the two reads is left out rather than shown half.
        var items = ids.Where(rows.ContainsKey).Select(id => ArticleSummaryResponse.From(rows[id], language)).ToList();
        if (terms is not null && items.Count > 0)
        {
            var english = items.Where(i => i.Language == ReaderLanguage.English).Select(i => i.Id).ToHashSet();
            var highlights = (await search.HighlightAsync(db, terms, [.. items.Select(i => rows[i.Id].Texts)], english, cancellationToken)).ToDictionary(h => h.ArticleId);
            items = [.. items.Select(i => i with { Snippet = SearchSnippet.Pick(highlights.GetValueOrDefault(i.Id), i.Language) })];
        }
        return TypedResults.Ok(new ArticleListPage(items, paging.Number, paging.Size, found.Count, found.Complete));
    }

    public static async Task<IResult> ListMyArticles(
        [FromQuery] string? status, [FromQuery] int? page, [FromQuery] int? pageSize, HttpContext http, KnowledgeContext db, CancellationToken cancellationToken)
    {
        if (http.User.MemberId() is not { } member)
        {
            return SignedInMember.Unnamed();
        }
        var paging = new PageQuery(page, pageSize);
        var errors = new ValidationErrors();
        paging.Validate(errors);
        ArticleStatus? wanted = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (Enum.TryParse<ArticleStatus>(status, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(status, out _))
            {
                wanted = parsed;
            }
            else
            {
                errors.Add("status", "Use draft, submitted, published or archived.");
            }
        }
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        var mine = db.Articles.AsNoTracking().Where(a => a.AuthorId == member || a.CoAuthorIds.Contains(member));
        if (wanted is { } only)
        {
            mine = mine.Where(a => a.Status == only);
        }
        var language = Language(http);
        var theirs = await mine.OrderByDescending(a => a.UpdatedAt).ThenByDescending(a => a.Id).Select(Listing).ToPageAsync(paging, cancellationToken);
        return TypedResults.Ok(Items(theirs, a => ArticleSummaryResponse.From(a, language)));
    }

    public static async Task<IResult> ListArticlesUnderReview(
        [FromQuery] int? page, [FromQuery] int? pageSize, HttpContext http, KnowledgeContext db, CancellationToken cancellationToken)
    {
        var paging = new PageQuery(page, pageSize);
        var errors = new ValidationErrors();
        paging.Validate(errors);
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        var waiting = db.Articles.AsNoTracking()
            .Where(a => a.Status == ArticleStatus.Submitted
                || a.Status == ArticleStatus.Draft && a.AuthorId == null && a.CoAuthorIds.Count == 0)
            .OrderBy(a => a.SubmittedAt ?? a.CreatedAt).ThenBy(a => a.Id);
        var language = Language(http);
        return TypedResults.Ok(Items(await waiting.Select(Listing).ToPageAsync(paging, cancellationToken), a => ArticleSummaryResponse.From(a, language)));
    }

    public static async Task<IResult> CompareRevisions(
        Guid id, [FromQuery] int? from, [FromQuery] int? to, HttpContext http, KnowledgeContext db, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (from is < 1)
        {
            errors.Add("from", "A revision's number, from 1.");
        }
        if (to is < 1)
        {
            errors.Add("to", "A revision's number, from 1.");
        }
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        if (await ForItsWritersAsync(id, http, db, "compare an article's revisions", cancellationToken) is { } refused)
        {
            return refused;
        }
        // Review moves (submit, approve…) count versions but save no content, so revisions' numbers
        // have gaps: by default the last revision and the one saved before it.
        var numbers = await db.Revisions.AsNoTracking().Where(r => r.ArticleId == id)
            .OrderBy(r => r.Number).Select(r => r.Number).ToListAsync(cancellationToken);
        var newer = to ?? numbers[^1];
        var older = from ?? numbers.LastOrDefault(n => n < newer);
        if (from is null && older == 0)
        {
            errors.Add("from", "There is no revision before this one to compare with.");
        }
        foreach (var (field, number) in new[] { ("from", older), ("to", newer) })
        {
            if (number > 0 && !numbers.Contains(number))
            {
                errors.Add(field, $"The article has no revision {number}: see GET /api/knowledge/articles/{id}/revisions.");
            }
        }
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        var pair = await db.Revisions.AsNoTracking().Where(r => r.ArticleId == id && (r.Number == older || r.Number == newer))
            .ToListAsync(cancellationToken);
        var before = pair.First(r => r.Number == older);
        var after = pair.First(r => r.Number == newer);
        return TypedResults.Ok(RevisionDiffResponse.Between(before, after));
    }

    private static readonly System.Linq.Expressions.Expression<Func<Article, ArticleListing>> Listing = ListingOf(bodies: false);

    /// <summary>A search reads the page's bodies with the rest, for its snippets: one read rather than two.</summary>
    private static System.Linq.Expressions.Expression<Func<Article, ArticleListing>> ListingOf(bool bodies) => a => new ArticleListing(
        a.Id, a.Kind, a.TitleFr, a.TitleEn, a.SummaryFr, a.SummaryEn, a.TitleEn != null && a.BodyEn != null, a.Themes, a.OrganisationId, a.PublishedAt,
        a.Status, a.EnglishTranslation, bodies ? a.BodyFr : null, bodies ? a.BodyEn : null);

    private static Paged<ArticleSummaryResponse> Items(Paged<ArticleListing> page, Func<ArticleListing, ArticleSummaryResponse> item) =>
        new([.. page.Items.Select(item)], page.Page, page.PageSize, page.Total);

    public static async Task<IResult> GetArticle(
        Guid id, [FromQuery] string? lang, HttpContext http, KnowledgeContext db, CancellationToken cancellationToken)
    {
        if (!ReaderLanguage.IsValid(lang))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["lang"] = [ReaderLanguage.Reason] });
        }
        var article = await db.Articles.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (article is null || !Visible(article, http.User))
        {
            return NotFound();
        }
        return await AnswerAsync(http, db, article, cancellationToken);
    }

    public static async Task<IResult> ListRevisions(
        Guid id, [FromQuery] int? page, [FromQuery] int? pageSize, HttpContext http, KnowledgeContext db, CancellationToken cancellationToken)
    {
        var paging = new PageQuery(page, pageSize);
        var errors = new ValidationErrors();
        paging.Validate(errors);
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        if (await ForItsWritersAsync(id, http, db, "read an article's revisions", cancellationToken) is { } refused)
        {
            return refused;
        }
        var revisions = db.Revisions.AsNoTracking().Where(r => r.ArticleId == id).OrderByDescending(r => r.Number);
        return TypedResults.Ok(await revisions.ToPageAsync(paging, ArticleRevisionResponse.From, cancellationToken));
    }

    public static async Task<IResult> WriteArticle(
        ArticleRequest request, HttpContext http, KnowledgeContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (http.User.MemberId() is not { } author)
        {
            return SignedInMember.Unnamed();
        }
        var errors = new ValidationErrors();
        if (request.Validate(errors) is not { } content)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        var (article, revision) = Article.Draft(content, author, clock.GetUtcNow().UtcDateTime);
        db.Articles.Add(article);
        db.Revisions.Add(revision);
        await db.SaveChangesAsync(cancellationToken);

        EntityTags.Set(http.Response, article.Version);
        return TypedResults.Created($"/api/knowledge/articles/{article.Id}",
            ArticleResponse.From(article, Language(http), await AuthorOfAsync(db, article, cancellationToken)));
    }

    public static async Task<IResult> ChangeArticle(
        Guid id, ArticleRequest request, HttpContext http, KnowledgeContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (request.Validate(errors) is not { } content)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        var article = await db.Articles.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (article is null || !Visible(article, http.User))
        {
            return NotFound();
        }
        var member = http.User.MemberId();
        if (!article.MayEdit(member, http.User.IsOrganiser()))
        {
            return Forbidden(article.Status == ArticleStatus.Draft
                ? "Only its author edits a draft."
                : "Only its author and the organisers revise an article.");
        }
        if (EntityTags.Refusal(EntityTags.Check(http.Request, article.Version), "article") is { } unmet)
        {
            return unmet;
        }
        if (article.Change(content, member, clock.GetUtcNow().UtcDateTime, out var refusal) is not { } revision)
        {
            return Conflict(refusal!);
        }
        db.Revisions.Add(revision);
        await db.SaveChangesAsync(cancellationToken);
        return await AnswerAsync(http, db, article, cancellationToken);
    }

    public static Task<IResult> SubmitArticle(
        Guid id, HttpContext http, KnowledgeContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        Move(id, http, db, cancellationToken, article =>
        {
            if (!article.MaySubmit(http.User.MemberId(), http.User.IsOrganiser()))
            {
                return Forbidden("Only its authors submit an article.");
            }
            return article.TrySubmit(clock.GetUtcNow().UtcDateTime, out var refusal) ? null : Conflict(refusal!);
        });

    public static Task<IResult> ApproveArticle(
        Guid id, HttpContext http, KnowledgeContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        Move(id, http, db, cancellationToken, article =>
        {
            if (!article.TryApprove(http.User.MemberId(), clock.GetUtcNow().UtcDateTime, out var refusal))
            {
                return Conflict(refusal!);
            }
            // In the same save as the approval: published and announced, or neither.
            db.AddIntegrationEvent(ArticleFacts.Published(article));
            return null;
        });

    public static async Task<IResult> RejectArticle(
        Guid id, RejectArticleRequest? request, HttpContext http, KnowledgeContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var comment = request?.Comment?.Trim();
        if (string.IsNullOrEmpty(comment) || comment.Length > ArticleRules.CommentMaxLength)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["comment"] = [string.IsNullOrEmpty(comment) ? "Tell the author what to change: they read this comment." : $"At most {ArticleRules.CommentMaxLength} characters."],
            });
        }
        return await Move(id, http, db, cancellationToken, article =>
            article.TryReject(http.User.MemberId(), comment, clock.GetUtcNow().UtcDateTime, out var refusal) ? null : Conflict(refusal!));
    }

    public static Task<IResult> ArchiveArticle(
        Guid id, HttpContext http, KnowledgeContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        Move(id, http, db, cancellationToken, article =>
            article.TryArchive(clock.GetUtcNow().UtcDateTime, out var refusal) ? null : Conflict(refusal!));

    /// <summary>
    /// A step of the review: If-Match is optional (the workflow decides what may follow what), but
    /// a stale one is refused. The move answers a refusal, or null when it was made.
    /// </summary>
    private static async Task<IResult> Move(
        Guid id, HttpContext http, KnowledgeContext db, CancellationToken cancellationToken, Func<Article, IResult?> move)
    {
        var article = await db.Articles.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (article is null || !Visible(article, http.User))
        {
            return NotFound();
        }
        if (http.Request.Headers.IfMatch.Count > 0
            && EntityTags.Refusal(EntityTags.Check(http.Request, article.Version), "article") is { } unmet)
        {
            return unmet;
        }
        if (move(article) is { } refused)
        {
            return refused;
        }
        await db.SaveChangesAsync(cancellationToken);
        return await AnswerAsync(http, db, article, cancellationToken);
    }

    /// <summary>Null when the article's history is the caller's to see (its authors and the organisers), else the refusal.</summary>
    private static async Task<IResult?> ForItsWritersAsync(Guid id, HttpContext http, KnowledgeContext db, string what, CancellationToken cancellationToken)
    {
        var article = await db.Articles.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (article is null || !Visible(article, http.User))
        {
            return NotFound();
        }
        return article.IsAuthor(http.User.MemberId()) || http.User.IsOrganiser()
            ? null
            : Forbidden($"Only its authors and the organisers {what}.");
    }

    /// <summary>Published and archived articles are everyone's; a draft or one under review only its author's and the organisers'.</summary>
    internal static bool Visible(Article article, ClaimsPrincipal user) =>
        article.Status is ArticleStatus.Published or ArticleStatus.Archived || article.IsAuthor(user.MemberId()) || user.IsOrganiser();

    private static async Task<IResult> AnswerAsync(HttpContext http, KnowledgeContext db, Article article, CancellationToken cancellationToken)
    {
        EntityTags.Set(http.Response, article.Version);
        http.Response.Headers.LastModified = article.UpdatedAt.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        http.Response.Headers.Vary = "Accept-Language";
        var attachments = await db.Attachments.AsNoTracking().Where(a => a.ArticleId == article.Id)
            .OrderBy(a => a.UploadedAt).ThenBy(a => a.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(ArticleResponse.From(article, Language(http), await AuthorOfAsync(db, article, cancellationToken), attachments));
    }

    private static async Task<ArticleAuthor?> AuthorOfAsync(KnowledgeContext db, Article article, CancellationToken cancellationToken) =>
        article.AuthorId is { } author
            ? await db.Authors.AsNoTracking().FirstOrDefaultAsync(a => a.MemberId == author, cancellationToken)
            : null;

    private static string Language(HttpContext http) => ReaderLanguage.Requested(http.Request, http.Request.Query["lang"]);

    private static IResult NotFound() => TypedResults.Problem(
        title: "There is no such article.", detail: "It may be a draft that is not yours, or the link is wrong.",
        statusCode: StatusCodes.Status404NotFound);

    private static IResult Forbidden(string reason) => TypedResults.Problem(
        title: "This is not yours to do.", detail: reason, statusCode: StatusCodes.Status403Forbidden);

    private static IResult Conflict(string reason) => TypedResults.Problem(
        title: "The article cannot make this move.", detail: reason, statusCode: StatusCodes.Status409Conflict);
}
