using CircularPlatform.Knowledge.Infrastructure;
using CircularPlatform.Knowledge.Infrastructure.Attachments;
using CircularPlatform.Knowledge.Model;
using CircularPlatform.ServiceDefaults.Http;
using CircularPlatform.ServiceDefaults.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CircularPlatform.Knowledge.Apis;

/// <summary>The files shared with an article: added and taken away by those who may edit it, read by whoever may read it.</summary>
public static class AttachmentsApi
{
    // Room for the multipart envelope around the largest file accepted.
    private const long EnvelopeBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapAttachmentsApi(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<AttachmentOptions>>().Value;
        var api = app.MapGroup("/api/knowledge/articles/{id:guid}/attachments").WithTags("Knowledge");

        api.MapPost("/", AddAttachment)
            .RequireAuthorization(ClubPolicies.Member)
            // Bearer tokens, no cookies: no cross-site form can post as a member.
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(options.MaxBytes + EnvelopeBytes))
            .Accepts<IFormFile>("multipart/form-data")
            .WithName("AddArticleAttachment")
            .WithSummary("Adds a file (form field 'file') to an article its caller may edit: a document, a picture or a CSV table, its type read from its bytes; a published article goes back to review.")
            .Produces<AttachmentResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        api.MapGet("/{attachmentId:guid}", GetAttachment)
            .WithName("GetArticleAttachment")
            .WithSummary("The file, for whoever may read the article, offered for saving under its name.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapDelete("/{attachmentId:guid}", RemoveAttachment)
            .RequireAuthorization(ClubPolicies.Member)
            .WithName("RemoveArticleAttachment")
            .WithSummary("Takes a file away from an article its caller may edit; a published article goes back to review.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    public static async Task<IResult> AddAttachment(
        Guid id, HttpContext http, KnowledgeContext db, AttachmentStore store, IOptions<AttachmentOptions> options,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        if (!http.Request.HasFormContentType)
        {
            return Invalid("file", "Send the file as multipart/form-data, in a field named 'file'.");
        }
        var form = await http.Request.ReadFormAsync(cancellationToken);
        if (form.Files.GetFile("file") is not { } upload)
        {
            return Invalid("file", "Send the file in a field named 'file'.");
        }
        if (upload.Length == 0)
        {
            return Invalid("file", "The file is empty.");
        }
        if (upload.Length > limits.MaxBytes)
        {
            return TooLarge(limits.MaxBytes);
        }

        var (article, refusal) = await EditableAsync(id, http, db, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        if (await db.Attachments.CountAsync(a => a.ArticleId == id, cancellationToken) >= limits.MaxPerArticle)
        {
            return Invalid("file", $"An article has at most {limits.MaxPerArticle} files: take one away first.");
        }

        await using var content = upload.OpenReadStream();
        using var incoming = await store.ReceiveAsync(content, limits.MaxBytes, cancellationToken);
        if (incoming is null)
        {
            return TooLarge(limits.MaxBytes);
        }
        if (FileKinds.Detect(incoming.Path, upload.FileName) is not { } kind)
        {
            return TypedResults.Problem(
                title: "This kind of file is not accepted.",
                detail: $"The file's content is none of {FileKinds.Accepted} (what it is is read from its bytes, not from its name).",
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["file"] = [$"Send {FileKinds.Accepted}."] } });
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (!article!.TryChangeFiles(now, out var moved))
        {
            return Conflict(moved!);
        }
        var attachment = ArticleAttachment.Of(Guid.CreateVersion7(), id, ArticleAttachment.SafeName(upload.FileName, kind.Extension),
            kind.ContentType, incoming.Size, incoming.Sha256, http.User.MemberId(), now);
        db.Attachments.Add(attachment);
        // In place before the row says it is there; should the save fail, the file goes with it.
        incoming.Keep(id, attachment.Id);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            store.Delete(id, attachment.Id);
            throw;
        }
        EntityTags.Set(http.Response, article.Version);
        return TypedResults.Created(AttachmentResponse.UrlOf(attachment), AttachmentResponse.From(attachment));
    }

    public static async Task<IResult> GetAttachment(
        Guid id, Guid attachmentId, HttpContext http, KnowledgeContext db, AttachmentStore store, CancellationToken cancellationToken)
    {
        var article = await db.Articles.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        var attachment = await db.Attachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == attachmentId && a.ArticleId == id, cancellationToken);
        if (article is null || attachment is null || !ArticlesApi.Visible(article, http.User) || store.Open(id, attachmentId) is not { } file)
        {
            return NotFound();
        }
        // Saved, never shown in the portal's own origin: a document cannot run as the site.
        http.Response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = article.Status is ArticleStatus.Published or ArticleStatus.Archived ? "public, max-age=300" : "private, no-store";
        return TypedResults.File(file, attachment.ContentType, attachment.FileName,
            entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{attachment.Sha256}\""), enableRangeProcessing: true);
    }

    public static async Task<IResult> RemoveAttachment(
        Guid id, Guid attachmentId, HttpContext http, KnowledgeContext db, AttachmentStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (article, refusal) = await EditableAsync(id, http, db, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        var attachment = await db.Attachments.FirstOrDefaultAsync(a => a.Id == attachmentId && a.ArticleId == id, cancellationToken);
        if (attachment is null)
        {
            return NotFound();
        }
        if (!article!.TryChangeFiles(clock.GetUtcNow().UtcDateTime, out var moved))
        {
            return Conflict(moved!);
        }
        db.Attachments.Remove(attachment);
        await db.SaveChangesAsync(cancellationToken);
        // After the row: a file without a row is only space, a row without its file a broken link.
        store.Delete(id, attachmentId);
        EntityTags.Set(http.Response, article.Version);
        return TypedResults.NoContent();
    }

    /// <summary>The article when the caller may change it (If-Match, if sent, still current); else the refusal.</summary>
    private static async Task<(Article? Article, IResult? Refusal)> EditableAsync(Guid id, HttpContext http, KnowledgeContext db, CancellationToken cancellationToken)
    {
        var article = await db.Articles.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (article is null || !ArticlesApi.Visible(article, http.User))
        {
            return (null, NotFound());
        }
        if (!article.MayEdit(http.User.MemberId(), http.User.IsOrganiser()))
        {
            return (null, TypedResults.Problem(title: "This is not yours to do.",
                detail: "Only those who may edit the article change its files.", statusCode: StatusCodes.Status403Forbidden));
        }
        if (http.Request.Headers.IfMatch.Count > 0
            && EntityTags.Refusal(EntityTags.Check(http.Request, article.Version), "article") is { } unmet)
        {
            return (null, unmet);
        }
        return (article, null);
    }

    private static IResult Invalid(string field, string reason) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [reason] });

    private static IResult TooLarge(long maxBytes) => TypedResults.Problem(
        title: "The file is too large.",
        detail: $"A file may be at most {maxBytes / (1024 * 1024.0):0.#} MB.",
        statusCode: StatusCodes.Status413PayloadTooLarge,
        extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["file"] = [$"At most {maxBytes} bytes."] } });

    private static IResult NotFound() => TypedResults.Problem(
        title: "There is no such file.", detail: "The article or its file is not there, or not yours to see.", statusCode: StatusCodes.Status404NotFound);

    private static IResult Conflict(string reason) => TypedResults.Problem(
        title: "The article's files cannot change now.", detail: reason, statusCode: StatusCodes.Status409Conflict);
}

/// <summary>A file of an article: its name, type, size and where to fetch it.</summary>
public sealed record AttachmentResponse(Guid Id, string FileName, string ContentType, long Size, string Sha256, DateTimeOffset UploadedAt, string Url)
{
    public static string UrlOf(ArticleAttachment a) => $"/api/knowledge/articles/{a.ArticleId}/attachments/{a.Id}";

    public static AttachmentResponse From(ArticleAttachment a) =>
        new(a.Id, a.FileName, a.ContentType, a.Size, a.Sha256, ArticleResponse.Utc(a.UploadedAt), UrlOf(a));
}
