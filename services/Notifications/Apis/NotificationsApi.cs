using CircularPlatform.Notifications.Infrastructure;
using CircularPlatform.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CircularPlatform.Notifications.Apis;

public static class NotificationsApi
{
    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/notifications").WithTags("Notifications");

        api.MapGet("/announcements", ListAnnouncements)
            .WithName("ListAnnouncements")
            .WithSummary("Announcements of the club's events, newest first, in pages.");
        return app;
    }

    public static async Task<Results<Ok<Paged<AnnouncementResponse>>, ValidationProblem>> ListAnnouncements(
        [AsParameters] PageQuery paging, NotificationsContext db, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        paging.Validate(errors);
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        var newestFirst = db.Announcements.AsNoTracking().OrderByDescending(a => a.AnnouncedAt).ThenByDescending(a => a.Id);
        return TypedResults.Ok(await newestFirst.ToPageAsync(paging, AnnouncementResponse.From, cancellationToken));
    }
}
