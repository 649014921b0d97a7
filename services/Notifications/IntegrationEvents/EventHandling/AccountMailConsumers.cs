using CircularPlatform.Contracts.IntegrationEvents;
using CircularPlatform.Notifications.Infrastructure;
using CircularPlatform.Notifications.Model;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace CircularPlatform.Notifications.IntegrationEvents.EventHandling;

/// <summary>The link that proves a new address is the person's, mailed to that address, once per request.</summary>
public sealed class EmailVerificationRequestedConsumer(NotificationsContext db, TimeProvider clock) : IConsumer<EmailVerificationRequested>
{
    public Task Consume(ConsumeContext<EmailVerificationRequested> context) =>
        AccountMail.StoreAsync(db, clock, context.Message, NotificationKind.EmailVerification, "email-verification", context.CancellationToken);
}

/// <summary>The link to choose a new password, mailed to the account's address, once per request.</summary>
public sealed class PasswordResetRequestedConsumer(NotificationsContext db, TimeProvider clock) : IConsumer<PasswordResetRequested>
{
    public Task Consume(ConsumeContext<PasswordResetRequested> context) =>
        AccountMail.StoreAsync(db, clock, context.Message, NotificationKind.PasswordReset, "password-reset", context.CancellationToken);
}

internal static class AccountMail
{
    /// <summary>
    /// Account mail leaves at once, whatever the preferences (the person asked for it), and only by
    /// email. A link that has expired by the time the fact arrives is not worth sending.
    /// </summary>
    public static async Task StoreAsync(
        NotificationsContext db, TimeProvider clock, AccountMailRequested request, NotificationKind kind, string cause, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var key = $"{cause}:{request.RequestId}";
        if (request.ExpiresAt.UtcDateTime <= now || await db.Mails.AnyAsync(m => m.Cause == key && m.MemberId == request.MemberId, cancellationToken))
        {
            return;
        }
        db.Mails.Add(Mail.ForAccount(request.MemberId, kind, key, request.Email, request.DisplayName,
            request.Language == "en" ? "en" : "fr", request.Link, request.ExpiresAt.UtcDateTime, now));
        await db.SaveChangesAsync(cancellationToken);
    }
}
