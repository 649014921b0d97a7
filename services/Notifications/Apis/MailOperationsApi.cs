using CircularPlatform.Notifications.Infrastructure;
using CircularPlatform.ServiceDefaults.Identity;
using Microsoft.EntityFrameworkCore;

namespace CircularPlatform.Notifications.Apis;

/// <summary>
/// What ops see of email, beside <c>/ops/messaging</c>: what waits, what left, and what was given up
/// on and why; and sending what was given up on again once the cause is fixed. Not routed by the
/// gateway; administrators only.
/// </summary>
public static class MailOperationsApi
{
    public static IEndpointRouteBuilder MapMailOperations(this IEndpointRouteBuilder app)
    {
        var ops = app.MapGroup("/ops/mail").ExcludeFromDescription().RequireAuthorization(ClubPolicies.Admin);
        ops.MapGet("", Status).WithName("MailStatus");
        ops.MapPost("/given-up/retry", RetryGivenUp).WithName("RetryGivenUpMail");
        return app;
    }

    public static async Task<IResult> Status(NotificationsContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var dayAgo = now.AddDays(-1);
        var pending = db.Mails.Where(m => m.SentAt == null && m.FailedAt == null && m.WithdrawnAt == null);
        var oldestDue = await pending.Where(m => m.DueAt <= now).MinAsync(m => (DateTime?)m.DueAt, cancellationToken);
        var givenUp = await db.Mails.AsNoTracking().Where(m => m.FailedAt != null).OrderByDescending(m => m.FailedAt).Take(50)
            .Select(m => new GivenUpMail(m.Id, m.MemberId, m.Kind.ToString(), m.Attempts, m.LastError, m.FailedAt!.Value))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new MailStatus(
            Due: await pending.CountAsync(m => m.DueAt <= now, cancellationToken),
            Later: await pending.CountAsync(m => m.DueAt > now, cancellationToken),
            Retrying: await pending.CountAsync(m => m.Attempts > 0, cancellationToken),
            OldestDueAgeSeconds: oldestDue is { } due ? (now - due).TotalSeconds : null,
            SentLastDay: await db.Mails.CountAsync(m => m.SentAt >= dayAgo, cancellationToken),
            GivenUp: await db.Mails.CountAsync(m => m.FailedAt != null, cancellationToken),
            WithdrawnLastDay: await db.Mails.CountAsync(m => m.WithdrawnAt >= dayAgo, cancellationToken),
            LatestGivenUp: givenUp));
    }

    /// <summary>Every email given up on is due again now, with its tries counted afresh; account mail excepted (its link is gone).</summary>
    public static async Task<IResult> RetryGivenUp(NotificationsContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var count = 0;
        foreach (var mail in await db.Mails.Where(m => m.FailedAt != null).ToListAsync(cancellationToken))
        {
            count += mail.Retry(now) ? 1 : 0;
        }
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new { retried = count });
    }
}

public sealed record GivenUpMail(Guid Id, Guid MemberId, string Kind, int Attempts, string? LastError, DateTime FailedAt);

public sealed record MailStatus(
    int Due, int Later, int Retrying, double? OldestDueAgeSeconds, int SentLastDay, int GivenUp, int WithdrawnLastDay, IReadOnlyList<GivenUpMail> LatestGivenUp);
