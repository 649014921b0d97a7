using System.Net;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using CircularPlatform.Notifications.Infrastructure;
using CircularPlatform.Notifications.Infrastructure.Mailing;
using CircularPlatform.Notifications.Model;
using CircularPlatform.ServiceDefaults.Http;
using Microsoft.EntityFrameworkCore;

namespace CircularPlatform.Notifications.Apis;

/// <summary>
/// The one-click unsubscribe of every email (RFC 8058), without signing in: the signed token in the
/// link names the member and the kind of email. A GET only shows what would be turned off (mail
/// scanners follow links); a POST of <c>List-Unsubscribe=One-Click</c>, as mail clients send it,
/// turns it off.
/// </summary>
public static class UnsubscribeApi
{
    private const string OneClick = "One-Click";
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    public static IEndpointRouteBuilder MapUnsubscribeApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/notifications/unsubscribe").WithTags("Unsubscribe").AllowAnonymous();
        api.MapGet("", Show)
            .WithName("ShowUnsubscribe")
            .WithSummary("What the unsubscribe link of an email would turn off (HTML for a browser, JSON otherwise). Changes nothing.")
            .Produces<UnsubscribeResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("", Unsubscribe)
            .WithName("Unsubscribe")
            .WithSummary("One-click unsubscribe (RFC 8058): turns off the kind of email the link came with, for the member the token was made for.")
            .Accepts<IFormCollection>("application/x-www-form-urlencoded")
            .Produces<UnsubscribeResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<IResult> Show(string? token, HttpContext http, NotificationsContext db, UnsubscribeLinks links, CancellationToken cancellationToken)
    {
        var (recipient, scope, refused) = await FindAsync(token, db, links, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }
        var response = UnsubscribeResponse.For(recipient!, scope, done: false);
        return WantsHtml(http) ? Page(http, response, token!) : TypedResults.Ok(response);
    }

    public static async Task<IResult> Unsubscribe(string? token, HttpContext http, NotificationsContext db, UnsubscribeLinks links, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (http.Request.HasFormContentType)
        {
            var form = await http.Request.ReadFormAsync(cancellationToken);
            if (form.TryGetValue("List-Unsubscribe", out var value) && value.ToString() != OneClick)
            {
                return TypedResults.ValidationProblem(new ValidationErrors().Add("List-Unsubscribe", $"Send List-Unsubscribe={OneClick}, as RFC 8058 asks.").ToDictionary());
            }
        }
        var (recipient, scope, refused) = await FindAsync(token, db, links, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }
        recipient!.Unsubscribe(scope, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        var response = UnsubscribeResponse.For(recipient, scope, done: true);
        return WantsHtml(http) ? Page(http, response, token!) : TypedResults.Ok(response);
    }

    private static async Task<(Recipient? Recipient, UnsubscribeScope Scope, IResult? Refused)> FindAsync(
        string? token, NotificationsContext db, UnsubscribeLinks links, CancellationToken cancellationToken)
    {
        if (await links.ReadAsync(token, cancellationToken) is not { } named)
        {
            var reason = string.IsNullOrEmpty(token) ? "Required: the token of the link in the email." : "This link was not made by the club, or was cut short: use the whole link from the email.";
            return (null, default, TypedResults.ValidationProblem(new ValidationErrors().Add("token", reason).ToDictionary()));
        }
        var recipient = await db.Recipients.FirstOrDefaultAsync(r => r.MemberId == named.MemberId, cancellationToken);
        if (recipient is null || recipient.Erased)
        {
            return (null, default, TypedResults.Problem(title: "This member is no longer known here.",
                detail: "Their data was erased: nothing is sent to them any more.", statusCode: StatusCodes.Status404NotFound));
        }
        return (recipient, named.Scope, null);
    }

    /// <summary>A person following the link in a browser reads a page; a program gets JSON.</summary>
    private static bool WantsHtml(HttpContext http) =>
        http.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));

    private static IResult Page(HttpContext http, UnsubscribeResponse response, string token)
    {
        // The page's address carries a token that never expires: not cached, not sent on as a
        // referrer, nothing loaded or framed.
        var headers = http.Response.Headers;
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        var english = response.Language == "en";
        var what = Html.Encode(response.TurnsOff);
        var body = response.Unsubscribed
            ? english ? $"<h1>Done</h1><p>You will no longer receive {what} by email.</p>" : $"<h1>C'est fait</h1><p>Vous ne recevrez plus {what} par courriel.</p>"
            : (english ? $"<h1>Unsubscribe</h1><p>This turns off {what} by email.</p>" : $"<h1>Se désabonner</h1><p>Ceci désactive {what} par courriel.</p>")
              + $"<form method=\"post\" action=\"?token={WebUtility.UrlEncode(token)}\"><input type=\"hidden\" name=\"List-Unsubscribe\" value=\"{OneClick}\">"
              + $"<button type=\"submit\">{(english ? "Unsubscribe" : "Me désabonner")}</button></form>";
        var always = Html.Encode(english
            ? "Changes and cancellations of an event you registered for still reach you."
            : "Les changements et annulations d'un événement où vous êtes inscrit vous parviennent toujours.");
        var html = $"<!DOCTYPE html><html lang=\"{response.Language}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">"
            + $"<title>{(english ? "Unsubscribe" : "Désabonnement")}</title></head><body style=\"font-family:Arial,Helvetica,sans-serif;max-width:640px;margin:2em auto\">"
            + body + $"<p><small>{always}</small></p></body></html>";
        return TypedResults.Content(html, "text/html; charset=utf-8");
    }
}

/// <param name="Scope">What the link is for: event-announcements, articles, registration-updates, digest or all-email.</param>
/// <param name="TurnsOff">What it turns off, in the member's language.</param>
/// <param name="Unsubscribed">Whether it is now turned off (after a POST).</param>
public sealed record UnsubscribeResponse(string Scope, string TurnsOff, string Language, bool Unsubscribed)
{
    public static UnsubscribeResponse For(Recipient recipient, UnsubscribeScope scope, bool done) => new(
        scope switch
        {
            UnsubscribeScope.EventAnnouncements => "event-announcements",
            UnsubscribeScope.Articles => "articles",
            UnsubscribeScope.RegistrationUpdates => "registration-updates",
            UnsubscribeScope.Digest => "digest",
            _ => "all-email",
        },
        UnsubscribeScopes.Describe(scope, recipient.Language), recipient.Language, done);
}
