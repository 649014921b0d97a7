using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CircularPlatform.Contracts.IntegrationEvents;
using CircularPlatform.TestSupport;
using MassTransit.Testing;

namespace CircularPlatform.Members.Tests;

/// <summary>Signing up, approval, suspension, profile changes and erasure, on either database.</summary>
public abstract class MembershipTests : IAsyncLifetime
{
    private Club _club = null!;

    protected abstract Task<string?> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        _club = new Club(await CreateDatabaseAsync());
        await _club.StartAsync();
    }

    public async Task DisposeAsync() => await _club.DisposeAsync();

    [Fact]
    public async Task A_person_signs_up_pending_sees_their_profile_and_may_do_nothing_else_until_approved()
    {
        var response = await _club.Anonymous.PostAsJsonAsync("/api/members/accounts", new
        {
            email = "  Camille.Dupont@Recyclerie-Gohelle.fr ",
            password = Club.Password,
            displayName = "Camille Dupont",
            language = "en",
            themes = new[] { "bio-waste", "water", "BIO-WASTE" },
            notifications = new { articleDigest = false },
            consents = new { terms = true, newsletter = true },
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/api/members/me", response.Headers.Location?.OriginalString);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("camille.dupont@recyclerie-gohelle.fr", body.GetProperty("email").GetString());
        Assert.Equal("pending", body.GetProperty("status").GetString());
        Assert.Equal("member", body.GetProperty("role").GetString());
        Assert.Equal("en", body.GetProperty("language").GetString());
        Assert.Equal(["bio-waste", "water"], body.GetProperty("themes").EnumerateArray().Select(t => t.GetString()));
        Assert.False(body.GetProperty("notifications").GetProperty("articleDigest").GetBoolean());
        Assert.True(body.GetProperty("notifications").GetProperty("eventAnnouncements").GetBoolean());
        var consents = body.GetProperty("consents");
        Assert.Equal(JsonValueKind.String, consents.GetProperty("termsAcceptedAt").ValueKind);
        Assert.Equal(JsonValueKind.String, consents.GetProperty("newsletterAt").ValueKind);
        Assert.False(consents.TryGetProperty("directoryListingAt", out _));
        Assert.False(body.TryGetProperty("password", out _));
        Assert.False(await _club.Factory.Harness.Published.Any<MemberJoined>(m => m.Context.Message.MemberId == body.GetProperty("id").GetGuid()));

        var tokens = await _club.SignInAsync("CAMILLE.DUPONT@recyclerie-gohelle.fr", Club.Password);
        using var pending = _club.As(tokens.AccessToken);
        var me = await pending.GetFromJsonAsync<JsonElement>("/api/members/me");
        Assert.Equal(body.GetProperty("id").GetGuid(), me.GetProperty("id").GetGuid());
        Assert.Equal("pending", me.GetProperty("status").GetString());

        // No role until approved: the organisers' list and the directory's writes are closed.
        Assert.Equal(HttpStatusCode.Forbidden, (await pending.GetAsync("/api/members?status=pending")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _club.Anonymous.GetAsync("/api/members/me")).StatusCode);
    }

    [Fact]
    public async Task A_sign_up_with_every_field_wrong_is_told_each_one_by_name_and_nothing_is_stored()
    {
        var response = await _club.Anonymous.PostAsJsonAsync("/api/members/accounts", new
        {
            email = "camille at lens",
            password = "court",
            displayName = " ",
            language = "de",
            organisationId = Guid.NewGuid(),
            themes = new[] { "bio-waste", "nucléaire" },
            consents = new { terms = false },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = await Errors(response);
        Assert.Contains("'camille at lens' is not an email address.", errors["email"]);
        Assert.Contains(errors["password"], e => e.Contains("12", StringComparison.Ordinal));
        Assert.Contains("displayName", errors.Keys);
        Assert.Contains("language", errors.Keys);
        Assert.Contains("themes[1]", errors.Keys);
        Assert.Contains("consents.terms", errors.Keys);

        // The organisation is checked once the rest is right.
        var unknownOrganisation = await _club.Anonymous.PostAsJsonAsync("/api/members/accounts", new
        {
            email = "camille@lens.fr", password = Club.Password, displayName = "Camille", organisationId = Guid.NewGuid(), consents = new { terms = true },
        });
        Assert.Contains("organisationId", (await Errors(unknownOrganisation)).Keys);

        using var admin = await _club.AsAdminAsync();
        var members = await admin.GetFromJsonAsync<JsonElement>("/api/members");
        Assert.Equal(1, members.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task An_email_belongs_to_one_member_whatever_its_case_and_a_sign_up_does_not_tell_whose_it_is()
    {
        var first = await _club.SignUpAsync("dominique@lens.fr");
        var unknown = await SignUp("camille@lens.fr");

        var again = await SignUp("Dominique@LENS.fr");

        // Answered as a new address is: the same status, the same fields, a fresh id.
        Assert.Equal(HttpStatusCode.Created, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(unknown.Headers.Location, again.Headers.Location);
        var told = await again.Content.ReadFromJsonAsync<JsonElement>();
        var shape = await unknown.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(shape.EnumerateObject().Select(p => p.Name), told.EnumerateObject().Select(p => p.Name));
        Assert.Equal("pending", told.GetProperty("status").GetString());
        Assert.NotEqual(first.Id, told.GetProperty("id").GetGuid());

        // Nothing was stored, and the first member's password still works, not the second one's.
        using var admin = await _club.AsAdminAsync();
        var listed = await admin.GetFromJsonAsync<JsonElement>("/api/members?q=dominique@lens.fr");
        Assert.Equal([first.Id], listed.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("id").GetGuid()));
        Assert.Equal(HttpStatusCode.OK, (await _club.Anonymous.PostAsJsonAsync("/api/members/auth/token", new { email = "dominique@lens.fr", password = Club.Password })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _club.Anonymous.PostAsJsonAsync("/api/members/auth/token", new { email = "dominique@lens.fr", password = "un autre mot de passe assez long" })).StatusCode);
    }

    [Theory]
    [InlineData("displayName")]
    [InlineData("email")]
    [InlineData("password")]
    public async Task A_nul_character_in_a_sign_up_is_refused_by_its_field_and_nothing_is_stored(string field)
    {
        var body = new Dictionary<string, object>
        {
            ["email"] = field == "email" ? "nul\0@lens.fr" : "nul@lens.fr",
            ["password"] = field == "password" ? "un mot de passe\0 assez long" : "un mot de passe assez long",
            ["displayName"] = field == "displayName" ? "Camille\0Dupont" : "Camille Dupont",
            ["consents"] = new { terms = true },
        };

        var response = await _club.Anonymous.PostAsJsonAsync("/api/members/accounts", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], (await Errors(response)).Keys);
        using var admin = await _club.AsAdminAsync();
        Assert.Equal(1, (await admin.GetFromJsonAsync<JsonElement>("/api/members")).GetProperty("total").GetInt32());
    }

    private Task<HttpResponseMessage> SignUp(string email) => _club.Anonymous.PostAsJsonAsync("/api/members/accounts", new
    {
        email, password = "un autre mot de passe assez long", displayName = "Dominique", consents = new { terms = true },
    });

    [Fact]
    public async Task An_organiser_approves_a_pending_member_who_then_joins_with_the_member_role()
    {
        var person = await _club.SignUpAsync(language: "en");
        var organiser = await _club.MemberAsync("organiser");
        var member = await _club.MemberAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, (await _club.Anonymous.PostAsync($"/api/members/{person.Id}/approve", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.Client.PostAsync($"/api/members/{person.Id}/approve", null)).StatusCode);

        var pending = await organiser.Client.GetFromJsonAsync<JsonElement>("/api/members?status=pending");
        Assert.Equal([person.Id], pending.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("id").GetGuid()));

        var approved = await organiser.Client.PostAsync($"/api/members/{person.Id}/approve", null);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var body = await approved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("approved", body.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.String, body.GetProperty("approvedAt").ValueKind);

        var joined = await _club.Factory.Harness.PublishedAsync<MemberJoined>(m => m.MemberId == person.Id);
        Assert.NotNull(joined);
        Assert.Equal(person.Email, joined.Email);
        Assert.Equal("en", joined.Language);
        Assert.Equal("member", joined.Role);
        Assert.Equal(["bio-waste"], joined.Themes);

        // Approving again changes nothing and announces nothing more.
        Assert.Equal(HttpStatusCode.OK, (await organiser.Client.PostAsync($"/api/members/{person.Id}/approve", null)).StatusCode);
        Assert.Single(_club.Factory.Harness.Published.Select<MemberJoined>(), m => m.Context.Message.MemberId == person.Id);

        var tokens = await _club.SignInAsync(person.Email, Club.Password);
        using var joinedClient = _club.As(tokens.AccessToken);
        Assert.Equal(HttpStatusCode.Forbidden, (await joinedClient.GetAsync("/api/members")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await organiser.Client.PostAsync($"/api/members/{Guid.NewGuid()}/approve", null)).StatusCode);
    }

    [Fact]
    public async Task A_suspended_member_is_signed_out_cannot_sign_in_and_other_services_are_told()
    {
        var member = await _club.MemberAsync();
        var organiser = await _club.MemberAsync("organiser");
        var colleague = await _club.MemberAsync("organiser");

        var noReason = await organiser.Client.PostAsJsonAsync($"/api/members/{member.Id}/suspend", new { reason = "" });
        Assert.Contains("reason", (await Errors(noReason)).Keys);
        var organiserBarsColleague = await organiser.Client.PostAsJsonAsync($"/api/members/{colleague.Id}/suspend", new { reason = "désaccord" });
        Assert.Equal(HttpStatusCode.Forbidden, organiserBarsColleague.StatusCode);

        var suspended = await organiser.Client.PostAsJsonAsync($"/api/members/{member.Id}/suspend", new { reason = "démarchage commercial" });
        Assert.Equal(HttpStatusCode.OK, suspended.StatusCode);
        Assert.Equal("suspended", (await suspended.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.NotNull(await _club.Factory.Harness.PublishedAsync<MemberLeft>(m => m.MemberId == member.Id && !m.Erased));

        var refresh = await _club.Anonymous.PostAsJsonAsync("/api/members/auth/refresh", new { refreshToken = member.Tokens.RefreshToken });
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
        var signIn = await _club.Anonymous.PostAsJsonAsync("/api/members/auth/token", new { email = member.Email, password = Club.Password });
        Assert.Equal(HttpStatusCode.Forbidden, signIn.StatusCode);
        Assert.Contains("démarchage commercial", (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());

        // An organiser does not bring back an organiser an admin suspended; an admin does.
        using var admin = await _club.AsAdminAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/members/{colleague.Id}/suspend", new { reason = "désaccord" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await organiser.Client.PostAsync($"/api/members/{colleague.Id}/approve", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/members/{colleague.Id}/approve", null)).StatusCode);

        // An organiser may let a member back in: they join again.
        Assert.Equal(HttpStatusCode.OK, (await organiser.Client.PostAsync($"/api/members/{member.Id}/approve", null)).StatusCode);
        await _club.SignInAsync(member.Email, Club.Password);
    }

    [Fact]
    public async Task Tokens_issued_before_a_suspension_a_new_role_or_an_erasure_are_refused_at_once_and_every_service_is_told()
    {
        var member = await _club.MemberAsync();
        var organiser = await _club.MemberAsync("organiser");
        var leaving = await _club.MemberAsync();
        using var admin = await _club.AsAdminAsync();
        Assert.Equal(HttpStatusCode.OK, (await member.Client.GetAsync("/api/members/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await organiser.Client.GetAsync("/api/members")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await organiser.Client.PostAsJsonAsync($"/api/members/{member.Id}/suspend", new { reason = "démarchage" })).StatusCode);
        var suspended = await member.Client.GetAsync("/api/members/me");
        Assert.Equal(HttpStatusCode.Unauthorized, suspended.StatusCode);
        Assert.Equal("application/problem+json", suspended.Content.Headers.ContentType?.MediaType);
        Assert.Equal("suspended", (await _club.Factory.Harness.PublishedAsync<MemberAccessRevoked>(m => m.MemberId == member.Id))?.Reason);

        // A demoted organiser's token still says "organiser": it stops working at once.
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/members/{organiser.Id}/role", new { role = "member" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await organiser.Client.GetAsync("/api/members")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await organiser.Client.GetAsync("/api/members/me")).StatusCode);
        var demotion = await _club.Factory.Harness.PublishedAsync<MemberAccessRevoked>(m => m.MemberId == organiser.Id);
        Assert.Equal("role-changed", demotion?.Reason);
        // Signing in again gives a token of the new role, which works.
        using var demoted = _club.As((await _club.SignInAsync(organiser.Email, Club.Password)).AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await demoted.GetAsync("/api/members/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await demoted.GetAsync("/api/members")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await leaving.Client.DeleteAsync("/api/members/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await leaving.Client.GetAsync("/api/members/me")).StatusCode);
        Assert.Equal("left", (await _club.Factory.Harness.PublishedAsync<MemberAccessRevoked>(m => m.MemberId == leaving.Id))?.Reason);

        // Everyone else keeps working.
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/members")).StatusCode);
    }

    [Fact]
    public async Task A_member_changes_their_profile_and_the_other_services_learn_what_they_keep()
    {
        var member = await _club.MemberAsync();
        var me = await member.Client.GetFromJsonAsync<JsonElement>("/api/members/me");
        var version = me.GetProperty("version").GetInt32();

        var changed = await member.Client.PutAsJsonAsync("/api/members/me", new
        {
            email = "nouvelle.adresse@lens.fr",
            displayName = "Camille Dupont-Leroy",
            language = "en",
            themes = new[] { "batteries" },
            notifications = new { eventAnnouncements = false },
            consents = new { directoryListing = true },
            version,
        });

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var body = await changed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Camille Dupont-Leroy", body.GetProperty("displayName").GetString());
        Assert.Equal(version + 1, body.GetProperty("version").GetInt32());
        Assert.Equal(JsonValueKind.String, body.GetProperty("consents").GetProperty("directoryListingAt").ValueKind);
        var published = await _club.Factory.Harness.PublishedAsync<MemberProfileChanged>(m => m.MemberId == member.Id);
        Assert.NotNull(published);
        Assert.Equal("nouvelle.adresse@lens.fr", published.Email);
        Assert.Equal("en", published.Language);
        Assert.Equal(["batteries"], published.Themes);
        Assert.False(published.Preferences.EventAnnouncements);

        // The new address signs in; the old one no longer does.
        await _club.SignInAsync("nouvelle.adresse@lens.fr", Club.Password);
        var old = await _club.Anonymous.PostAsJsonAsync("/api/members/auth/token", new { email = member.Email, password = Club.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);

        // A stale copy is refused, and so is an address another member uses.
        var stale = await member.Client.PutAsJsonAsync("/api/members/me", new { email = "x@lens.fr", displayName = "X", version });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var other = await _club.SignUpAsync();
        var taken = await member.Client.PutAsJsonAsync("/api/members/me", new { email = other.Email, displayName = "X", version = version + 1 });
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        var missingVersion = await member.Client.PutAsJsonAsync("/api/members/me", new { email = "x@lens.fr", displayName = "X" });
        Assert.Contains("version", (await Errors(missingVersion)).Keys);
    }

    [Fact]
    public async Task Erasure_removes_the_account_anonymises_the_member_and_tells_every_service()
    {
        var member = await _club.MemberAsync();

        var erased = await member.Client.DeleteAsync("/api/members/me");

        Assert.Equal(HttpStatusCode.NoContent, erased.StatusCode);
        Assert.NotNull(await _club.Factory.Harness.PublishedAsync<MemberLeft>(m => m.MemberId == member.Id && m.Erased));
        using var admin = await _club.AsAdminAsync();
        var kept = await admin.GetFromJsonAsync<JsonElement>($"/api/members/{member.Id}");
        Assert.Equal("erased", kept.GetProperty("status").GetString());
        Assert.False(kept.TryGetProperty("email", out _));
        Assert.DoesNotContain("Camille", kept.GetProperty("displayName").GetString());
        Assert.Empty(kept.GetProperty("themes").EnumerateArray());

        var signIn = await _club.Anonymous.PostAsJsonAsync("/api/members/auth/token", new { email = member.Email, password = Club.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, signIn.StatusCode);
        var refresh = await _club.Anonymous.PostAsJsonAsync("/api/members/auth/refresh", new { refreshToken = member.Tokens.RefreshToken });
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
        // The token of before is refused at once, not found wanting ten minutes later.
        Assert.Equal(HttpStatusCode.Unauthorized, (await member.Client.GetAsync("/api/members/me")).StatusCode);

        // The address is free again: the person may join afresh.
        await _club.SignUpAsync(member.Email);
    }

    [Fact]
    public async Task Admins_give_roles_organisers_and_members_cannot_and_an_admin_keeps_their_own()
    {
        var member = await _club.MemberAsync();
        var organiser = await _club.MemberAsync("organiser");
        var pending = await _club.SignUpAsync();
        using var admin = await _club.AsAdminAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await organiser.Client.PutAsJsonAsync($"/api/members/{member.Id}/role", new { role = "organiser" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.Client.PutAsJsonAsync($"/api/members/{member.Id}/role", new { role = "admin" })).StatusCode);
        Assert.Contains("role", (await Errors(await admin.PutAsJsonAsync($"/api/members/{member.Id}/role", new { role = "president" }))).Keys);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await admin.PutAsJsonAsync($"/api/members/{pending.Id}/role", new { role = "organiser" })).StatusCode);

        var me = await admin.GetFromJsonAsync<JsonElement>("/api/members/me");
        var demoteSelf = await admin.PutAsJsonAsync($"/api/members/{me.GetProperty("id").GetGuid()}/role", new { role = "member" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, demoteSelf.StatusCode);

        var promoted = await admin.PutAsJsonAsync($"/api/members/{member.Id}/role", new { role = "organiser" });
        Assert.Equal(HttpStatusCode.OK, promoted.StatusCode);
        Assert.Equal("organiser", (await promoted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("role").GetString());
        // The role is in the next token.
        using var promotedClient = _club.As((await _club.SignInAsync(member.Email, Club.Password)).AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await promotedClient.GetAsync("/api/members?status=pending")).StatusCode);
    }

    [Fact]
    public async Task The_last_administrator_cannot_leave_the_club_but_one_of_two_can()
    {
        using var admin = await _club.AsAdminAsync();

        var refused = await admin.DeleteAsync("/api/members/me");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var second = await _club.MemberAsync("admin");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/members/me")).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await second.Client.DeleteAsync("/api/members/me")).StatusCode);
    }

    [Fact]
    public async Task A_member_sees_only_their_own_record_organisers_see_anyone()
    {
        var member = await _club.MemberAsync();
        var other = await _club.MemberAsync();
        var organiser = await _club.MemberAsync("organiser");

        Assert.Equal(HttpStatusCode.OK, (await member.Client.GetAsync($"/api/members/{member.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.Client.GetAsync($"/api/members/{other.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await organiser.Client.GetAsync($"/api/members/{other.Id}")).StatusCode);
        var badStatus = await organiser.Client.GetAsync("/api/members?status=famous");
        Assert.Contains("status", (await Errors(badStatus)).Keys);
    }

    private static async Task<Dictionary<string, string[]>> Errors(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return problem.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
    }
}

public sealed class MembershipOnSqliteTests : MembershipTests
{
    protected override Task<string?> CreateDatabaseAsync() => Task.FromResult<string?>(null);
}

public sealed class MembershipOnPostgresTests(PostgresFixture postgres) : MembershipTests, IClassFixture<PostgresFixture>
{
    protected override async Task<string?> CreateDatabaseAsync() => await postgres.CreateDatabaseAsync();
}
