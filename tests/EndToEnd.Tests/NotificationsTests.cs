using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MimeKit;

namespace CircularPlatform.EndToEnd.Tests;

/// <summary>
/// A member who joined with a theme hears of an event on it, in the app and by email, over the real
/// broker; one who turned email off does not get the email; the email's unsubscribe link works
/// through the gateway without signing in.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class NotificationsTests(PlatformFixture fixture)
{
    private const string SiteVisit = """
        {"title":{"fr":"Plateforme de compostage de Harnes","en":"Harnes composting platform"},
         "kind":"site-visit","themes":["bio-waste"],"startsAt":"2030-06-04T09:00:00+02:00",
         "endsAt":"2030-06-04T11:00:00+02:00","municipality":"Harnes","capacity":20}
        """;

    [Fact]
    public async Task A_member_on_the_theme_is_told_in_the_app_and_by_email_and_unsubscribes_with_one_click_through_the_gateway()
    {
        var platform = fixture.Platform;
        var club = new ClubSession(platform);
        var admin = await club.AdminAsync();
        var interested = await JoinAsync(club, admin, "en");
        var optedOut = await JoinAsync(club, admin, "fr");
        using (var asOptedOut = club.Client(optedOut.AccessToken))
        {
            await ClubSession.EnsureAsync(await asOptedOut.PutAsJsonAsync("/api/notifications/me/preferences", new
            {
                inApp = true, email = false, eventAnnouncements = true, registrationUpdates = true, articles = true, allEvents = false, dailyDigest = false,
                mutedThemes = Array.Empty<string>(),
            }), HttpStatusCode.OK, "turning email off");
        }

        using var asAdmin = club.Client(admin.AccessToken);
        var scheduled = await asAdmin.PostAsync("/api/events", new StringContent(SiteVisit, Encoding.UTF8, "application/json"));
        await ClubSession.EnsureAsync(scheduled, HttpStatusCode.Created, "scheduling");
        var eventId = (await scheduled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        using var asInterested = club.Client(interested.AccessToken);
        var told = await PlatformTests.EventuallyAsync(async () =>
        {
            var feed = await asInterested.GetFromJsonAsync<JsonElement>("/api/notifications/me?unread=true");
            return feed.GetProperty("items").EnumerateArray().Where(n => n.TryGetProperty("eventId", out var e) && e.ValueKind == JsonValueKind.String && e.GetGuid() == eventId)
                .Select(n => (JsonElement?)n).FirstOrDefault();
        }, platform);
        Assert.Equal("New event", told.GetProperty("text").GetProperty("title").GetString());

        var mailFolder = Path.Combine(platform.DataFolder, "mail");
        await PlatformTests.EventuallyAsync(() => Task.FromResult(Mailbox(mailFolder, interested.Email!, "New event").Count == 1 ? (JsonElement?)default(JsonElement) : null), platform);
        var email = Mailbox(mailFolder, interested.Email!, "New event")[0];
        Assert.Equal("New event: Harnes composting platform", email.Subject);
        Assert.Contains("Harnes", email.TextBody);
        Assert.NotNull(email.HtmlBody);
        Assert.Single(Mailbox(mailFolder, interested.Email!, "Welcome"));
        // The opted-out member was in the same fan-out: told in the app, not by email.
        Assert.Empty(Mailbox(mailFolder, optedOut.Email!, "Nouvel événement"));

        // The link names the gateway's public address; followed without signing in, as a mail client does.
        var link = new Uri(email.Headers["List-Unsubscribe"]!.Trim('<', '>'));
        Assert.Equal(platform.Gateway.BaseAddress!.Authority, link.Authority);
        using var anonymous = club.Client(null);
        var unsubscribed = await anonymous.PostAsync(link.PathAndQuery, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        await ClubSession.EnsureAsync(unsubscribed, HttpStatusCode.OK, "one-click unsubscribe");
        var preferences = await asInterested.GetFromJsonAsync<JsonElement>("/api/notifications/me/preferences");
        Assert.False(preferences.GetProperty("emailEventAnnouncements").GetBoolean());
        Assert.True(preferences.GetProperty("eventAnnouncements").GetBoolean());
    }

    [Fact]
    public async Task The_address_verification_and_password_reset_mails_lead_to_single_use_links_through_the_gateway()
    {
        var platform = fixture.Platform;
        var club = new ClubSession(platform);
        var mailFolder = Path.Combine(platform.DataFolder, "mail");
        var email = $"verification-{Guid.NewGuid():N}@recyclerie.test";
        await ClubSession.EnsureAsync(await club.Gateway.PostAsJsonAsync("/api/members/accounts", new
        {
            email, password = ClubSession.Password, displayName = "Dominique Lefebvre", language = "fr", consents = new { terms = true },
        }), HttpStatusCode.Created, "sign-up");

        // Members asks, Notifications mails: the link leads to the gateway's public address.
        var verification = await LinkAsync(platform, mailFolder, email, "Confirmez votre adresse", "/api/members/accounts/verify-email?token=");
        using var anonymous = club.Client(null);
        var page = await anonymous.GetAsync(verification.PathAndQuery);
        await ClubSession.EnsureAsync(page, HttpStatusCode.OK, "the verification page");
        var token = System.Web.HttpUtility.ParseQueryString(verification.Query)["token"];
        await ClubSession.EnsureAsync(await anonymous.PostAsJsonAsync("/api/members/accounts/verify-email", new { token }), HttpStatusCode.NoContent, "verifying");
        var again = await anonymous.PostAsJsonAsync("/api/members/accounts/verify-email", new { token });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.True((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("token", out _));

        await ClubSession.EnsureAsync(await anonymous.PostAsJsonAsync("/api/members/auth/password-reset", new { email }), HttpStatusCode.Accepted, "asking for a reset");
        var reset = await LinkAsync(platform, mailFolder, email, "Nouveau mot de passe", "/api/members/auth/password-reset?token=");
        var resetToken = System.Web.HttpUtility.ParseQueryString(reset.Query)["token"];
        const string newPassword = "le chevalement du 11/19 se voit de loin";
        await ClubSession.EnsureAsync(await anonymous.PostAsJsonAsync("/api/members/auth/password-reset/confirm", new { token = resetToken, newPassword }),
            HttpStatusCode.NoContent, "choosing a new password");
        Assert.Equal(HttpStatusCode.BadRequest,
            (await anonymous.PostAsJsonAsync("/api/members/auth/password-reset/confirm", new { token = resetToken, newPassword = "encore un autre mot de passe" })).StatusCode);
        await club.SignInAsync(email, newPassword);
        Assert.Equal(HttpStatusCode.Unauthorized, (await club.Gateway.PostAsJsonAsync("/api/members/auth/token", new { email, password = ClubSession.Password })).StatusCode);
    }

    /// <summary>The link of the one email to <paramref name="to"/> whose subject starts so, once it is written.</summary>
    private static async Task<Uri> LinkAsync(PlatformApp platform, string folder, string to, string subject, string pathAndQuery)
    {
        await PlatformTests.EventuallyAsync(() => Task.FromResult(Mailbox(folder, to, subject).Count == 1 ? (JsonElement?)default(JsonElement) : null), platform);
        var mail = Mailbox(folder, to, subject)[0];
        Assert.Null(mail.Headers["List-Unsubscribe"]);
        var link = System.Text.RegularExpressions.Regex.Match(mail.TextBody!, @"https?://\S+").Value;
        Assert.Contains(pathAndQuery, link);
        var uri = new Uri(link);
        Assert.Equal(platform.Gateway.BaseAddress!.Authority, uri.Authority);
        return uri;
    }

    private static async Task<Caller> JoinAsync(ClubSession club, Caller admin, string language)
    {
        var email = $"membre-{Guid.NewGuid():N}@recyclerie.test";
        var signUp = await club.Gateway.PostAsJsonAsync("/api/members/accounts", new
        {
            email, password = ClubSession.Password, displayName = "Camille Dupont", language, themes = new[] { "bio-waste" }, consents = new { terms = true },
        });
        await ClubSession.EnsureAsync(signUp, HttpStatusCode.Created, "sign-up");
        var id = (await signUp.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var asAdmin = club.Client(admin.AccessToken);
        await ClubSession.EnsureAsync(await asAdmin.PostAsync($"/api/members/{id}/approve", null), HttpStatusCode.OK, "approval");
        return new Caller(CallerKind.Member, id, email, ClubSession.Password, (await club.SignInAsync(email, ClubSession.Password)).AccessToken);
    }

    private static List<MimeMessage> Mailbox(string folder, string to, string subject) =>
        !Directory.Exists(folder) ? [] :
        [.. Directory.GetFiles(folder, "*.eml")
            .Select(file => MimeMessage.Load(file))
            .Where(m => m.To.Mailboxes.Any(b => b.Address == to) && (m.Subject ?? "").StartsWith(subject, StringComparison.Ordinal))];
}
