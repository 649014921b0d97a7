using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CircularPlatform.Contracts.IntegrationEvents;
using CircularPlatform.Members.Infrastructure;
using CircularPlatform.Members.Infrastructure.Identity;
using CircularPlatform.Members.Model;
using CircularPlatform.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CircularPlatform.Members.Tests;

/// <summary>
/// The mail Members asks Notifications to send about a person's own account — confirming an
/// address, choosing a new password — and the single-use, expiring links in it, on either database.
/// </summary>
public abstract class AccountMailTests : IAsyncLifetime
{
    private const string NewPassword = "le nouveau chevalement de Oignies";
    private Club _club = null!;
    private ManualTimeProvider _clock = null!;

    protected abstract Task<string?> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        _clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        _club = new Club(await CreateDatabaseAsync(), _clock);
        await _club.StartAsync();
    }

    public async Task DisposeAsync() => await _club.DisposeAsync();

    [Fact]
    public async Task Signing_up_asks_to_confirm_the_address_the_link_shows_a_form_and_its_post_confirms_it_once()
    {
        var signedUpAt = _clock.GetUtcNow();
        var person = await _club.SignUpAsync(language: "en");

        var mail = await _club.Factory.Harness.PublishedAsync<EmailVerificationRequested>(m => m.MemberId == person.Id);
        Assert.NotNull(mail);
        Assert.Equal(person.Email, mail.Email);
        Assert.Equal("Camille Dupont", mail.DisplayName);
        Assert.Equal("en", mail.Language);
        Assert.StartsWith(Club.Authority + "/api/members/accounts/verify-email?token=", mail.Link, StringComparison.Ordinal);
        Assert.Equal(signedUpAt.AddHours(48), mail.ExpiresAt, TimeSpan.FromSeconds(1));
        var token = Token(mail.Link);
        Assert.Equal(43, token.Length);

        // The link only shows a page: a scanner fetching it twice spends nothing.
        for (var i = 0; i < 2; i++)
        {
            using var shown = await _club.Anonymous.SendAsync(Browser(HttpMethod.Get, new Uri(mail.Link).PathAndQuery));
            Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
            Assert.Equal("text/html", shown.Content.Headers.ContentType?.MediaType);
            Assert.Equal("no-referrer", shown.Headers.GetValues("Referrer-Policy").Single());
            Assert.True(shown.Headers.CacheControl?.NoStore);
            Assert.Contains("default-src 'none'", shown.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
            var page = await shown.Content.ReadAsStringAsync();
            Assert.Contains("<form method=\"post\" action=\"/api/members/accounts/verify-email\">", page, StringComparison.Ordinal);
            Assert.Contains($"name=\"token\" value=\"{token}\"", page, StringComparison.Ordinal);
            Assert.Contains("Confirmer votre adresse", page, StringComparison.Ordinal);
            Assert.Contains("Confirm your address", page, StringComparison.Ordinal);
        }
        Assert.Null(await EmailVerifiedAtAsync(person));

        // The page's form, as a browser posts it.
        using var posted = Browser(HttpMethod.Post, "/api/members/accounts/verify-email");
        posted.Content = new FormUrlEncodedContent([new("token", token)]);
        using var confirmed = await _club.Anonymous.SendAsync(posted);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal("text/html", confirmed.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Address confirmed", await confirmed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(_clock.GetUtcNow(), (await EmailVerifiedAtAsync(person))!.Value, TimeSpan.FromSeconds(1));
        Assert.True((await AccountAsync(person.Id)).EmailConfirmed);

        var again = await _club.Anonymous.PostAsJsonAsync("/api/members/accounts/verify-email", new { token });
        Assert.Contains("already used", (await Errors(again))["token"].Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_address_is_confirmed_again_older_links_are_void_and_links_expire()
    {
        var member = await _club.MemberAsync();
        var first = await _club.Factory.Harness.PublishedAsync<EmailVerificationRequested>(m => m.MemberId == member.Id);
        Assert.Equal(HttpStatusCode.NoContent, (await _club.Anonymous.PostAsJsonAsync("/api/members/accounts/verify-email", new { token = Token(first!.Link) })).StatusCode);
        var me = await member.Client.GetFromJsonAsync<JsonElement>("/api/members/me");
        Assert.Equal(JsonValueKind.String, me.GetProperty("emailVerifiedAt").ValueKind);

        var changed = await ChangeEmailAsync(member, "nouvelle.adresse@lens.fr", me.GetProperty("version").GetInt32());
        Assert.False(changed.TryGetProperty("emailVerifiedAt", out _));
        Assert.False((await AccountAsync(member.Id)).EmailConfirmed);
        var second = await _club.Factory.Harness.PublishedAsync<EmailVerificationRequested>(m => m.Email == "nouvelle.adresse@lens.fr");
        Assert.NotNull(second);
        Assert.Equal(member.Id, second.MemberId);
        Assert.NotEqual(first.RequestId, second.RequestId);

        // Changed again before following the link: only the latest mail's link works.
        await ChangeEmailAsync(member, "troisieme.adresse@lens.fr", changed.GetProperty("version").GetInt32());
        var third = await _club.Factory.Harness.PublishedAsync<EmailVerificationRequested>(m => m.Email == "troisieme.adresse@lens.fr");
        var replaced = await _club.Anonymous.PostAsJsonAsync("/api/members/accounts/verify-email", new { token = Token(second.Link) });
        Assert.Contains("newer link", (await Errors(replaced))["token"].Single(), StringComparison.Ordinal);

        _clock.Advance(TimeSpan.FromHours(48) + TimeSpan.FromSeconds(1));
        var expired = await _club.Anonymous.PostAsJsonAsync("/api/members/accounts/verify-email", new { token = Token(third!.Link) });
        Assert.Contains("expired", (await Errors(expired))["token"].Single(), StringComparison.Ordinal);
        Assert.False((await AccountAsync(member.Id)).EmailConfirmed);
    }

    [Fact]
    public async Task A_member_asks_for_a_new_confirmation_link_at_most_once_a_minute_and_not_once_confirmed()
    {
        var member = await _club.MemberAsync();
        var first = await _club.Factory.Harness.PublishedAsync<EmailVerificationRequested>(m => m.MemberId == member.Id);
        // The sign-up's link went out just now: asking again at once sends nothing more.
        Assert.Equal(HttpStatusCode.Accepted, (await member.Client.PostAsync("/api/members/me/email-verification", null)).StatusCode);
        Assert.Single(_club.Factory.Harness.Published.Select<EmailVerificationRequested>(), m => m.Context.Message.MemberId == member.Id);

        _clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Accepted, (await member.Client.PostAsync("/api/members/me/email-verification", null)).StatusCode);
        var second = await _club.Factory.Harness.PublishedAsync<EmailVerificationRequested>(m => m.MemberId == member.Id && m.RequestId != first!.RequestId);
        Assert.NotNull(second);
        var voided = await _club.Anonymous.PostAsJsonAsync("/api/members/accounts/verify-email", new { token = Token(first!.Link) });
        Assert.Contains("newer link", (await Errors(voided))["token"].Single(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, (await _club.Anonymous.PostAsJsonAsync("/api/members/accounts/verify-email", new { token = Token(second.Link) })).StatusCode);

        var confirmed = await member.Client.PostAsync("/api/members/me/email-verification", null);
        Assert.Equal(HttpStatusCode.Conflict, confirmed.StatusCode);
        Assert.Equal("application/problem+json", confirmed.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _club.Anonymous.PostAsync("/api/members/me/email-verification", null)).StatusCode);
    }

    [Fact]
    public async Task A_reset_is_accepted_alike_for_any_address_and_mails_only_a_member()
    {
        var member = await _club.MemberAsync();

        var stranger = await _club.Anonymous.PostAsJsonAsync("/api/members/auth/password-reset", new { email = "personne@nulle-part.test" });
        var known = await _club.Anonymous.PostAsJsonAsync("/api/members/auth/password-reset", new { email = member.Email.ToUpperInvariant() });

        Assert.Equal(HttpStatusCode.Accepted, stranger.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, known.StatusCode);
        Assert.Equal(await stranger.Content.ReadAsStringAsync(), await known.Content.ReadAsStringAsync());
        Assert.Equal(stranger.Content.Headers.ContentType, known.Content.Headers.ContentType);
        // The member's mail left through the outbox; by then the stranger's would have too.
        Assert.NotNull(await _club.Factory.Harness.PublishedAsync<PasswordResetRequested>(m => m.MemberId == member.Id));
        Assert.Single(_club.Factory.Harness.Published.Select<PasswordResetRequested>());
    }

    [Fact]
    public async Task A_reset_link_sets_a_new_password_that_follows_the_rules_signs_everyone_out_and_works_once()
    {
        var member = await _club.MemberAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await _club.Anonymous.PostAsJsonAsync("/api/members/auth/password-reset", new { email = member.Email })).StatusCode);
        var mail = await _club.Factory.Harness.PublishedAsync<PasswordResetRequested>(m => m.MemberId == member.Id);
        Assert.NotNull(mail);
        Assert.Equal(member.Email, mail.Email);
        Assert.Equal("fr", mail.Language);
        Assert.StartsWith(Club.Authority + "/api/members/auth/password-reset?token=", mail.Link, StringComparison.Ordinal);
        Assert.Equal(_clock.GetUtcNow().AddHours(1), mail.ExpiresAt, TimeSpan.FromSeconds(1));
        var token = Token(mail.Link);

        using var shown = await _club.Anonymous.SendAsync(Browser(HttpMethod.Get, new Uri(mail.Link).PathAndQuery));
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        var page = await shown.Content.ReadAsStringAsync();
        Assert.Contains("action=\"/api/members/auth/password-reset/confirm\"", page, StringComparison.Ordinal);
        Assert.Contains($"name=\"token\" value=\"{token}\"", page, StringComparison.Ordinal);
        Assert.Contains("name=\"newPassword\" type=\"password\"", page, StringComparison.Ordinal);

        // A weak password is refused by its field and leaves the link working.
        var weak = await _club.Anonymous.PostAsJsonAsync("/api/members/auth/password-reset/confirm", new { token, newPassword = "court" });
        Assert.Equal(["newPassword"], (await Errors(weak)).Keys);

        var reset = await _club.Anonymous.PostAsJsonAsync("/api/members/auth/password-reset/confirm", new { token, newPassword = NewPassword });
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);

        var old = await _club.Anonymous.PostAsJsonAsync("/api/members/auth/token", new { email = member.Email, password = Club.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        await _club.SignInAsync(member.Email, NewPassword);
        var refresh = await _club.Anonymous.PostAsJsonAsync("/api/members/auth/refresh", new { refreshToken = member.Tokens.RefreshToken });
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);

        var again = await _club.Anonymous.PostAsJsonAsync("/api/members/auth/password-reset/confirm", new { token, newPassword = "encore un autre mot de passe" });
        Assert.Contains("already used", (await Errors(again))["token"].Single(), StringComparison.Ordinal);
        await _club.SignInAsync(member.Email, NewPassword);
    }

    [Fact]
    public async Task Reset_links_are_mailed_at_most_once_a_minute_only_the_latest_works_and_each_expires_within_the_hour()
    {
        var member = await _club.MemberAsync();
        await RequestResetAsync(member.Email);
        var first = await _club.Factory.Harness.PublishedAsync<PasswordResetRequested>(m => m.MemberId == member.Id);

        // Asked again at once: answered the same, and nothing more is sent.
        await RequestResetAsync(member.Email);
        Assert.Equal(1, await ResetTokensAsync(member.Id));

        _clock.Advance(TimeSpan.FromMinutes(2));
        await RequestResetAsync(member.Email);
        var second = await _club.Factory.Harness.PublishedAsync<PasswordResetRequested>(m => m.MemberId == member.Id && m.RequestId != first!.RequestId);
        Assert.NotNull(second);
        var replaced = await _club.Anonymous.PostAsJsonAsync("/api/members/auth/password-reset/confirm", new { token = Token(first!.Link), newPassword = NewPassword });
        Assert.Contains("newer link", (await Errors(replaced))["token"].Single(), StringComparison.Ordinal);

        _clock.Advance(TimeSpan.FromHours(1));
        var expired = await _club.Anonymous.PostAsJsonAsync("/api/members/auth/password-reset/confirm", new { token = Token(second.Link), newPassword = NewPassword });
        Assert.Contains("expired", (await Errors(expired))["token"].Single(), StringComparison.Ordinal);

        // A browser posting the page's form is told on a page.
        using var posted = Browser(HttpMethod.Post, "/api/members/auth/password-reset/confirm");
        posted.Content = new FormUrlEncodedContent([new("token", Token(second.Link)), new("newPassword", NewPassword)]);
        using var page = await _club.Anonymous.SendAsync(posted);
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Ce lien a expiré le", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await _club.SignInAsync(member.Email, Club.Password);
    }

    [Fact]
    public async Task A_weak_password_posted_from_the_page_shows_the_form_again_and_a_good_one_is_set()
    {
        var member = await _club.MemberAsync();
        await RequestResetAsync(member.Email);
        var token = Token((await _club.Factory.Harness.PublishedAsync<PasswordResetRequested>(m => m.MemberId == member.Id))!.Link);

        using var weak = await PostFormAsync("/api/members/auth/password-reset/confirm", ("token", token), ("newPassword", "court"));
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        var page = await weak.Content.ReadAsStringAsync();
        Assert.Contains("Ce mot de passe ne convient pas", page, StringComparison.Ordinal);
        Assert.Contains($"name=\"token\" value=\"{token}\"", page, StringComparison.Ordinal);

        using var good = await PostFormAsync("/api/members/auth/password-reset/confirm", ("token", token), ("newPassword", NewPassword));
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Contains("Mot de passe changé", await good.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await _club.SignInAsync(member.Email, NewPassword);
    }

    [Fact]
    public async Task Bad_input_to_the_links_and_the_reset_is_told_by_field_in_problem_details()
    {
        var missing = await _club.Anonymous.PostAsJsonAsync("/api/members/accounts/verify-email", new { });
        Assert.Contains("required", (await Errors(missing))["token"].Single(), StringComparison.Ordinal);
        var wrongType = await _club.Anonymous.PostAsync("/api/members/accounts/verify-email", Json("{\"token\": 5}"));
        Assert.Equal(["token"], (await Errors(wrongType)).Keys);
        var malformed = await _club.Anonymous.PostAsync("/api/members/accounts/verify-email", Json("{\"token\":"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        var unknown = await _club.Anonymous.PostAsJsonAsync("/api/members/accounts/verify-email", new { token = new string('A', 43) });
        Assert.Contains("not a token the club sent", (await Errors(unknown))["token"].Single(), StringComparison.Ordinal);
        var nul = await _club.Anonymous.PostAsJsonAsync("/api/members/accounts/verify-email", new { token = "a\0b" });
        Assert.Contains("NUL", (await Errors(nul))["token"].Single(), StringComparison.Ordinal);
        // ASP.NET Core's form reader refuses a NUL in any field before anyone reads the form.
        var nulInForm = await _club.Anonymous.PostAsync("/api/members/accounts/verify-email", new FormUrlEncodedContent([new("token", "a\0b")]));
        Assert.Equal(HttpStatusCode.BadRequest, nulInForm.StatusCode);
        Assert.Equal("application/problem+json", nulInForm.Content.Headers.ContentType?.MediaType);
        var text = await _club.Anonymous.PostAsync("/api/members/accounts/verify-email", new StringContent("token", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
        Assert.Equal("application/problem+json", text.Content.Headers.ContentType?.MediaType);

        foreach (var link in new[] { "/api/members/accounts/verify-email", "/api/members/auth/password-reset" })
        {
            Assert.Contains("token", (await Errors(await _club.Anonymous.GetAsync(link))).Keys);
            Assert.Contains("token", (await Errors(await _club.Anonymous.GetAsync(link + "?token=cut-short"))).Keys);
        }

        var noEmail = await _club.Anonymous.PostAsJsonAsync("/api/members/auth/password-reset", new { });
        Assert.Equal(["email"], (await Errors(noEmail)).Keys);
        var notAnAddress = await _club.Anonymous.PostAsJsonAsync("/api/members/auth/password-reset", new { email = "camille at lens" });
        Assert.Contains("not an email address", (await Errors(notAnAddress))["email"].Single(), StringComparison.Ordinal);

        var nothing = await _club.Anonymous.PostAsJsonAsync("/api/members/auth/password-reset/confirm", new { });
        Assert.Equal(["newPassword", "token"], (await Errors(nothing)).Keys.Order(StringComparer.Ordinal));
        var bogus = await _club.Anonymous.PostAsJsonAsync("/api/members/auth/password-reset/confirm", new { token = "bogus", newPassword = NewPassword });
        Assert.Equal(["token"], (await Errors(bogus)).Keys);
    }

    private async Task<JsonElement> ChangeEmailAsync(SignedIn member, string email, int version)
    {
        var response = await member.Client.PutAsJsonAsync("/api/members/me", new { email, displayName = "Camille Dupont", version });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task RequestResetAsync(string email) =>
        Assert.Equal(HttpStatusCode.Accepted, (await _club.Anonymous.PostAsJsonAsync("/api/members/auth/password-reset", new { email })).StatusCode);

    private async Task<HttpResponseMessage> PostFormAsync(string path, params (string Name, string Value)[] fields)
    {
        using var request = Browser(HttpMethod.Post, path);
        request.Content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        return await _club.Anonymous.SendAsync(request);
    }

    private async Task<DateTimeOffset?> EmailVerifiedAtAsync(Person person)
    {
        using var client = _club.As((await _club.SignInAsync(person.Email, Club.Password)).AccessToken);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/members/me");
        return me.TryGetProperty("emailVerifiedAt", out var at) ? at.GetDateTimeOffset() : null;
    }

    private async Task<MemberAccount> AccountAsync(Guid id)
    {
        using var scope = _club.Factory.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<MemberAccount>>().FindByIdAsync(id.ToString()))!;
    }

    private async Task<int> ResetTokensAsync(Guid memberId)
    {
        using var scope = _club.Factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<MembersContext>().AccountTokens
            .CountAsync(t => t.MemberId == memberId && t.Purpose == AccountTokenPurpose.PasswordReset);
    }

    private static string Token(string link) => link[(link.IndexOf("?token=", StringComparison.Ordinal) + "?token=".Length)..];

    private static HttpRequestMessage Browser(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        return request;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<Dictionary<string, string[]>> Errors(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.TryGetProperty("errors", out var errors), problem.ToString());
        return errors.Deserialize<Dictionary<string, string[]>>()!;
    }
}

public sealed class AccountMailOnSqliteTests : AccountMailTests
{
    protected override Task<string?> CreateDatabaseAsync() => Task.FromResult<string?>(null);
}

public sealed class AccountMailOnPostgresTests(PostgresFixture postgres) : AccountMailTests, IClassFixture<PostgresFixture>
{
    protected override async Task<string?> CreateDatabaseAsync() => await postgres.CreateDatabaseAsync();
}
