using System.Globalization;
using CircularPlatform.Notifications.Infrastructure;
using CircularPlatform.Notifications.Model;
using CircularPlatform.ServiceDefaults.Http;
using CircularPlatform.ServiceDefaults.Identity;
using Microsoft.EntityFrameworkCore;

namespace CircularPlatform.Notifications.Apis;

/// <summary>How the signed-in member wants to be told things.</summary>
public static class PreferencesApi
{
    public static IEndpointRouteBuilder MapPreferencesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/notifications/me/preferences").WithTags("My notifications").RequireAuthorization(ClubPolicies.Member);
        api.MapGet("", Get)
            .WithName("MyNotificationPreferences")
            .WithSummary("The signed-in member's notification preferences: channels, topics, muted themes, daily digest, quiet hours (Paris time).");
        api.MapPut("", Put)
            .WithName("SetMyNotificationPreferences")
            .WithSummary("Replaces the signed-in member's notification preferences. Changes to an event they registered for always reach them.")
            .ProducesValidationProblem();
        return app;
    }

    public static async Task<IResult> Get(HttpContext http, NotificationsContext db, CancellationToken cancellationToken)
    {
        if (http.User.MemberId() is not { } memberId)
        {
            return SignedInMember.Unnamed();
        }
        var recipient = await db.Recipients.AsNoTracking().FirstOrDefaultAsync(r => r.MemberId == memberId, cancellationToken);
        return TypedResults.Ok(PreferencesResponse.From(recipient?.Preferences ?? new Preferences(), recipient?.Themes ?? []));
    }

    public static async Task<IResult> Put(PreferencesRequest? request, HttpContext http, NotificationsContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (http.User.MemberId() is not { } memberId)
        {
            return SignedInMember.Unnamed();
        }
        var errors = new ValidationErrors();
        var chosen = request is null ? null : request.Validate(errors);
        if (request is null)
        {
            errors.Add("", "Send the preferences as a JSON object.");
        }
        if (errors.Any || chosen is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        var recipient = await db.Recipients.FirstOrDefaultAsync(r => r.MemberId == memberId, cancellationToken);
        if (recipient is null)
        {
            // Chosen before Members' facts arrived: kept, and newer than them.
            recipient = Recipient.Unknown(memberId);
            db.Recipients.Add(recipient);
        }
        // The email opt-outs a client leaves out stay as they were (an unsubscribe link may have set them).
        chosen.EmailEventAnnouncements = request!.EmailEventAnnouncements ?? recipient.Preferences.EmailEventAnnouncements;
        chosen.EmailArticles = request.EmailArticles ?? recipient.Preferences.EmailArticles;
        chosen.EmailRegistrationUpdates = request.EmailRegistrationUpdates ?? recipient.Preferences.EmailRegistrationUpdates;
        recipient.Choose(chosen, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(PreferencesResponse.From(recipient.Preferences, recipient.Themes));
    }
}

public sealed record QuietHours(string? From, string? Until);

/// <summary>Every preference, as a whole: a PUT replaces them all.</summary>
/// <param name="EmailEventAnnouncements">Optional, like the two after it: emails of that topic (the app aside); left out, unchanged.</param>
public sealed record PreferencesRequest(
    bool? InApp, bool? Email, bool? EventAnnouncements, bool? RegistrationUpdates, bool? Articles, bool? AllEvents,
    IReadOnlyList<string?>? MutedThemes, bool? DailyDigest, QuietHours? QuietHours,
    bool? EmailEventAnnouncements = null, bool? EmailArticles = null, bool? EmailRegistrationUpdates = null)
{
    public Preferences? Validate(ValidationErrors errors)
    {
        bool Required(bool? value, string field)
        {
            if (value is null)
            {
                errors.Add(field, "Required: true or false.");
            }
            return value ?? false;
        }
        var preferences = new Preferences
        {
            InApp = Required(InApp, "inApp"),
            Email = Required(Email, "email"),
            EventAnnouncements = Required(EventAnnouncements, "eventAnnouncements"),
            RegistrationUpdates = Required(RegistrationUpdates, "registrationUpdates"),
            Articles = Required(Articles, "articles"),
            AllEvents = Required(AllEvents, "allEvents"),
            DailyDigest = Required(DailyDigest, "dailyDigest"),
            MutedThemes = Contracts.Themes.Resolve(MutedThemes ?? [], (i, slug) => errors.Add($"mutedThemes[{i}]", Contracts.Themes.UnknownReason(slug))),
        };
        if (QuietHours is { } quiet)
        {
            var from = Time(quiet.From, "quietHours.from", errors);
            var until = Time(quiet.Until, "quietHours.until", errors);
            if (from is not null && from == until)
            {
                errors.Add("quietHours.until", "Quiet hours end at another time than they start; send no quietHours for none.");
            }
            (preferences.QuietFrom, preferences.QuietUntil) = (from, until);
        }
        return errors.Any ? null : preferences;
    }

    private static TimeOnly? Time(string? text, string field, ValidationErrors errors)
    {
        if (TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }
        errors.Add(field, "A Paris time written HH:mm, e.g. 21:00.");
        return null;
    }
}

public sealed record PreferencesResponse(
    bool InApp, bool Email, bool EventAnnouncements, bool RegistrationUpdates, bool Articles, bool AllEvents,
    IReadOnlyList<string> MutedThemes, bool DailyDigest, QuietHours? QuietHours, IReadOnlyList<string> Interests, string AlwaysDelivered,
    bool EmailEventAnnouncements, bool EmailArticles, bool EmailRegistrationUpdates)
{
    public static PreferencesResponse From(Preferences p, IReadOnlyList<string> interests) => new(
        p.InApp, p.Email, p.EventAnnouncements, p.RegistrationUpdates, p.Articles, p.AllEvents, p.MutedThemes, p.DailyDigest,
        p.QuietFrom is { } from && p.QuietUntil is { } until
            ? new QuietHours(from.ToString("HH:mm", CultureInfo.InvariantCulture), until.ToString("HH:mm", CultureInfo.InvariantCulture))
            : null,
        interests,
        "A change of time or place, or the cancellation, of an event you registered for or wait for always reaches you, in the app and by email, at once.",
        p.EmailEventAnnouncements, p.EmailArticles, p.EmailRegistrationUpdates);
}
