using CircularPlatform.Notifications.Infrastructure;
using CircularPlatform.Notifications.Model;
using CircularPlatform.ServiceDefaults.Http;
using CircularPlatform.ServiceDefaults.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CircularPlatform.Notifications.Apis;

/// <summary>The signed-in member's feed: what they were told, newest first, read or not.</summary>
public static class MyNotificationsApi
{
    public static IEndpointRouteBuilder MapMyNotificationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/notifications").WithTags("My notifications").RequireAuthorization(ClubPolicies.Member);
        api.MapGet("/me", Feed)
            .WithName("MyNotifications")
            .WithSummary("The signed-in member's notifications, newest first, in their language; ?unread=true for the unread ones only.")
            .ProducesValidationProblem();
        api.MapGet("/me/unread-count", UnreadCount)
            .WithName("MyUnreadCount")
            .WithSummary("How many of the signed-in member's notifications are unread (the portal's badge).");
        api.MapPost("/{id:guid}/read", Read)
            .WithName("ReadNotification")
            .WithSummary("Marks one of the signed-in member's notifications read.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/me/read-all", ReadAll)
            .WithName("ReadAllNotifications")
            .WithSummary("Marks every notification of the signed-in member read.")
            .Produces(StatusCodes.Status204NoContent);
        return app;
    }

    public static async Task<IResult> Feed(
        [FromQuery] bool? unread, [FromQuery] int? page, [FromQuery] int? pageSize, [FromQuery] string? lang,
        HttpContext http, NotificationsContext db, CancellationToken cancellationToken)
    {
        if (http.User.MemberId() is not { } memberId)
        {
            return SignedInMember.Unnamed();
        }
        var errors = new ValidationErrors();
        var paging = new PageQuery(page, pageSize);
        paging.Validate(errors);
        if (!ReaderLanguage.IsValid(lang))
        {
            errors.Add("lang", ReaderLanguage.Reason);
        }
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        // The member's own language unless the request asks for another.
        var language = lang is { Length: > 0 } || http.Request.Headers.AcceptLanguage.Count > 0
            ? ReaderLanguage.Requested(http.Request, lang)
            : await db.Recipients.Where(r => r.MemberId == memberId).Select(r => r.Language).FirstOrDefaultAsync(cancellationToken) ?? ReaderLanguage.French;

        var mine = db.Notifications.AsNoTracking().Where(n => n.MemberId == memberId);
        if (unread == true)
        {
            mine = mine.Where(n => n.ReadAt == null);
        }
        // The event or the article, as last heard of.
        var rows =
            from n in mine
            join a in db.Announcements.AsNoTracking() on n.EventId equals a.EventId into events
            from e in events.DefaultIfEmpty()
            join p in db.Articles.AsNoTracking() on n.ArticleId equals p.ArticleId into articles
            from article in articles.DefaultIfEmpty()
            orderby n.CreatedAt descending, n.Id descending
            select new
            {
                Notification = n,
                TitleFr = e != null ? e.TitleFr : article != null ? article.TitleFr : null,
                TitleEn = e != null ? e.TitleEn : article != null ? article.TitleEn : null,
            };
        http.Response.Headers.Vary = "Accept-Language";
        return TypedResults.Ok(await rows.ToPageAsync(paging,
            row => NotificationResponse.From(row.Notification, NotificationText.Write(row.Notification, language, row.TitleFr, row.TitleEn)), cancellationToken));
    }

    public static async Task<IResult> UnreadCount(HttpContext http, NotificationsContext db, CancellationToken cancellationToken) =>
        http.User.MemberId() is not { } memberId
            ? SignedInMember.Unnamed()
            : TypedResults.Ok(new UnreadCountResponse(await db.Notifications.CountAsync(n => n.MemberId == memberId && n.ReadAt == null, cancellationToken)));

    public static async Task<IResult> Read(Guid id, HttpContext http, NotificationsContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (http.User.MemberId() is not { } memberId)
        {
            return SignedInMember.Unnamed();
        }
        // Someone else's notification does not exist for this member.
        var notification = await db.Notifications.FirstOrDefaultAsync(n => n.Id == id && n.MemberId == memberId, cancellationToken);
        if (notification is null)
        {
            return TypedResults.Problem(title: "There is no such notification.", statusCode: StatusCodes.Status404NotFound);
        }
        notification.Read(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<IResult> ReadAll(HttpContext http, NotificationsContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (http.User.MemberId() is not { } memberId)
        {
            return SignedInMember.Unnamed();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Notifications.Where(n => n.MemberId == memberId && n.ReadAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(n => n.ReadAt, now), cancellationToken);
        return TypedResults.NoContent();
    }

}

public sealed record NotificationResponse(Guid Id, NotificationKind Kind, Guid? EventId, Guid? ArticleId, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt, NotificationText Text)
{
    public static NotificationResponse From(Notification n, NotificationText text) => new(
        n.Id, n.Kind, n.EventId, n.ArticleId, Utc(n.CreatedAt), n.ReadAt is { } read ? Utc(read) : null, text);

    private static DateTimeOffset Utc(DateTime at) => new(DateTime.SpecifyKind(at, DateTimeKind.Utc));
}

public sealed record UnreadCountResponse(int Unread);
