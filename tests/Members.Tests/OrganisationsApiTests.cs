using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CircularPlatform.Contracts.IntegrationEvents;
using CircularPlatform.Members.Infrastructure;
using CircularPlatform.Members.Model;
using CircularPlatform.TestSupport;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CircularPlatform.Members.Tests;

/// <summary>The same directory behaviour whichever database the service runs on.</summary>
public abstract class OrganisationsApiTests : IAsyncLifetime
{
    private const string Organisations = "/api/members/organisations";

    private Club _club = null!;
    private ServiceFactory<Program> _factory = null!;
    /// <summary>The club's administrator's, who may change any organisation.</summary>
    private HttpClient _client = null!;

    /// <summary>The connection string of a fresh database, or null for the default SQLite file.</summary>
    protected abstract Task<string?> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        _club = new Club(await CreateDatabaseAsync());
        _factory = _club.Factory;
        await _club.StartAsync();
        _client = await _club.AsAdminAsync();
    }

    public async Task DisposeAsync() => await _club.DisposeAsync();

    [Fact]
    public async Task An_organiser_approves_a_pending_organisation_into_the_directory_members_cannot()
    {
        var id = await Register("Ressourcerie du Bassin Minier", "association", "Lens", "bio-waste");
        var member = await _club.MemberAsync(organisationId: id);
        var organiser = await _club.MemberAsync("organiser");

        Assert.Equal(HttpStatusCode.Unauthorized, (await _club.Anonymous.PostAsync($"{Organisations}/{id}/approve", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.Client.PostAsync($"{Organisations}/{id}/approve", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.Client.PostAsync($"{Organisations}/{id}/archive", null)).StatusCode);
        var approved = await organiser.Client.PostAsync($"{Organisations}/{id}/approve", null);

        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var body = await approved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("active", body.GetProperty("status").GetString());
        Assert.Equal(2, body.GetProperty("version").GetInt32());
        Assert.Equal(["Ressourcerie du Bassin Minier"], Names(await List("?status=active")));
        // Approving again changes nothing.
        var again = await (await organiser.Client.PostAsync($"{Organisations}/{id}/approve", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, again.GetProperty("version").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await organiser.Client.PostAsync($"{Organisations}/{Guid.NewGuid()}/approve", null)).StatusCode);
    }

    [Fact]
    public async Task Approved_members_register_organisations_only_its_registrant_and_organisers_change_it()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await _club.Anonymous.PostAsync(Organisations, Json(Recycler))).StatusCode);
        // A sign-up waiting for approval has not joined: what it registers would be unvetted.
        var pending = await _club.SignUpAsync();
        using var pendingClient = _club.As((await _club.SignInAsync(pending.Email, Club.Password)).AccessToken);
        var refused = await pendingClient.PostAsync(Organisations, Json(Recycler));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Empty(Names(await List("?status=pending")));

        var registrant = await _club.MemberAsync();
        var registered = await registrant.Client.PostAsync(Organisations, Json(Recycler));
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var id = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        // Saying one works there gives no right to change it.
        var claimant = await _club.MemberAsync(organisationId: id);
        var otherMember = await _club.MemberAsync();
        var organiser = await _club.MemberAsync("organiser");

        Assert.Equal(HttpStatusCode.Unauthorized, (await _club.Anonymous.PutAsync($"{Organisations}/{id}", Json(WithVersion(Recycler, 1)))).StatusCode);
        var notTheirs = await claimant.Client.PutAsync($"{Organisations}/{id}", Json(WithVersion(Recycler, 1)));
        Assert.Equal(HttpStatusCode.Forbidden, notTheirs.StatusCode);
        Assert.Equal("application/problem+json", notTheirs.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherMember.Client.PutAsync($"{Organisations}/{id}", Json(WithVersion(Recycler, 1)))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await organiser.Client.PutAsync($"{Organisations}/{id}", Json(WithVersion(Recycler, 1)))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await registrant.Client.PutAsync($"{Organisations}/{id}", Json(WithVersion(Recycler, 2)))).StatusCode);

        // Not in the directory until an organiser approves it: its registrant and the organisers see it, nobody else.
        Assert.Equal(HttpStatusCode.NotFound, (await _club.Anonymous.GetAsync($"{Organisations}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherMember.Client.GetAsync($"{Organisations}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await registrant.Client.GetAsync($"{Organisations}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await organiser.Client.GetAsync($"{Organisations}/{id}")).StatusCode);
        Assert.DoesNotContain("Recyclerie de la Gohelle", Names(await _club.Anonymous.GetFromJsonAsync<JsonElement>(Organisations)));
        Assert.Equal(HttpStatusCode.Forbidden, (await _club.Anonymous.GetAsync($"{Organisations}?status=pending")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherMember.Client.GetAsync($"{Organisations}?status=archived")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await organiser.Client.PostAsync($"{Organisations}/{id}/approve", null)).StatusCode);
        var fetched = await _club.Anonymous.GetFromJsonAsync<JsonElement>($"{Organisations}/{id}");
        Assert.Equal(4, fetched.GetProperty("version").GetInt32());
        Assert.Contains("Recyclerie de la Gohelle", Names(await _club.Anonymous.GetFromJsonAsync<JsonElement>(Organisations)));
    }

    private const string Recycler = """
        {"name":"Recyclerie de la Gohelle","kind":"company","siret":"732 829 320 00074",
         "municipality":"lievin","address":"12 rue des Mineurs","latitude":50.4229,"longitude":2.7786,
         "sector":"Réemploi","website":"https://recyclerie.example.fr",
         "description":{"fr":"Collecte et réemploi des matériaux du bâtiment.","en":"Collects and reuses building materials."},
         "themes":["building-materials","industrial-synergies","building-materials"]}
        """;

    [Fact]
    public async Task Registering_a_company_answers_201_with_the_organisation_pending_and_announces_it()
    {
        var response = await _client.PostAsync(Organisations, Json(Recycler));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetGuid();
        Assert.Equal($"{Organisations}/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("Recyclerie de la Gohelle", body.GetProperty("name").GetString());
        Assert.Equal("company", body.GetProperty("kind").GetString());
        Assert.Equal("73282932000074", body.GetProperty("siret").GetString());
        Assert.Equal("Liévin", body.GetProperty("municipality").GetString());
        Assert.False(body.TryGetProperty("postcode", out _));
        Assert.Equal(50.4229, body.GetProperty("latitude").GetDouble());
        Assert.Equal("Collects and reuses building materials.", body.GetProperty("description").GetProperty("en").GetString());
        Assert.Equal(["building-materials", "industrial-synergies"], Strings(body.GetProperty("themes")));
        Assert.Equal("pending", body.GetProperty("status").GetString());
        Assert.Equal(1, body.GetProperty("version").GetInt32());
        Assert.Equal(TimeSpan.Zero, body.GetProperty("createdAt").GetDateTimeOffset().Offset);

        // Waits for the outbox relay's publish itself: the harness's Any gives up when the bus is idle a moment.
        var published = Assert.IsType<OrganisationRegistered>(await _factory.Harness.PublishedAsync<OrganisationRegistered>(m => m.OrganisationId == id));
        Assert.Equal("Recyclerie de la Gohelle", published.Name);
        Assert.Equal("company", published.Kind);
        Assert.Equal("Liévin", published.Municipality);
        Assert.Equal(["building-materials", "industrial-synergies"], published.Themes);

        var fetched = await _client.GetFromJsonAsync<JsonElement>($"{Organisations}/{id}");
        Assert.Equal(id, fetched.GetProperty("id").GetGuid());
        Assert.Equal("73282932000074", fetched.GetProperty("siret").GetString());
        Assert.Equal(1, fetched.GetProperty("version").GetInt32());
        Assert.Equal(body.GetProperty("createdAt").GetDateTimeOffset(), fetched.GetProperty("createdAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task An_association_outside_the_territory_gives_a_postcode_and_needs_no_SIRET()
    {
        var response = await _client.PostAsync(Organisations, Json("""
            {"name":"Les Compostiers du Nord","kind":"association","postcode":"59000","themes":["bio-waste"]}
            """));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("59000", body.GetProperty("postcode").GetString());
        Assert.False(body.TryGetProperty("municipality", out _));
        Assert.False(body.TryGetProperty("siret", out _));
    }

    [Fact]
    public async Task Invalid_organisations_are_refused_with_every_field_named()
    {
        var response = await _client.PostAsync(Organisations, Json($$"""
            {"name":" ","kind":"company","siret":"73282932000075","municipality":"Paris",
             "address":"{{new string('a', 301)}}","latitude":91,"longitude":-181,"sector":"{{new string('s', 101)}}",
             "website":"ftp://recyclerie.example.fr","description":{"en":"English only"},
             "themes":["water","gardening"]}
            """));

        var errors = await ValidationErrorsOf(response);
        Assert.Equal(
            ["address", "description.fr", "latitude", "longitude", "municipality", "name", "sector", "siret", "themes[1]", "website"],
            errors.Keys.Order(StringComparer.Ordinal));
        Assert.False(await _factory.Harness.Published.Any<OrganisationRegistered>());
        var list = await _client.GetFromJsonAsync<JsonElement>(Organisations);
        Assert.Equal(0, list.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("""{"name":"Sans SIRET","kind":"company","municipality":"Lens"}""", "siret")]
    [InlineData("""{"name":"Nulle part","kind":"association"}""", "municipality")]
    [InlineData("""{"name":"Partout","kind":"association","municipality":"Lens","postcode":"62300"}""", "postcode")]
    [InlineData("""{"name":"Ailleurs","kind":"association","postcode":"5900"}""", "postcode")]
    [InlineData("""{"name":"Ailleurs","kind":"association","postcode":"00100"}""", "postcode")]
    [InlineData("""{"name":"Boutique","kind":"shop","municipality":"Lens"}""", "kind")]
    [InlineData("""{"name":"Sur la carte","kind":"association","municipality":"Lens","latitude":50.4}""", "longitude")]
    [InlineData("""{"name":"Site","kind":"association","municipality":"Lens","website":"recyclerie.fr"}""", "website")]
    public async Task Each_rule_names_its_field(string json, string field)
    {
        var errors = await ValidationErrorsOf(await _client.PostAsync(Organisations, Json(json)));

        Assert.Equal([field], errors.Keys);
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_is_named_without_internals()
    {
        var response = await _client.PostAsync(Organisations, Json(Recycler.Replace("50.4229", "\"north\"", StringComparison.Ordinal)));

        var errors = await ValidationErrorsOf(response);
        Assert.Equal(["latitude"], errors.Keys);
        Assert.DoesNotContain("System.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_SIRET_already_in_the_directory_is_a_409_problem_however_it_is_typed()
    {
        Assert.Equal(HttpStatusCode.Created, (await _client.PostAsync(Organisations, Json(Recycler))).StatusCode);

        var again = Recycler.Replace("732 829 320 00074", "73282932000074", StringComparison.Ordinal).Replace("Recyclerie de la Gohelle", "Autre nom", StringComparison.Ordinal);
        var response = await _client.PostAsync(Organisations, Json(again));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("73282932000074", problem.GetProperty("detail").GetString());
        var list = await _client.GetFromJsonAsync<JsonElement>(Organisations);
        Assert.Equal(["Recyclerie de la Gohelle"], Names(list));
    }

    [Fact]
    public async Task An_unknown_organisation_is_a_404_problem_to_read_and_to_update()
    {
        var id = Guid.NewGuid();

        var read = await _client.GetAsync($"{Organisations}/{id}");
        var update = await _client.PutAsync($"{Organisations}/{id}", Json(WithVersion(Recycler, 1)));

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal("application/problem+json", read.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, update.StatusCode);
        Assert.Equal("application/problem+json", update.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_directory_filters_by_theme_municipality_kind_and_text_by_name_in_pages()
    {
        await Register("Compost Gohelle", "association", "Lens", "bio-waste", sector: "Compostage");
        await Register("Atelier des Cartes", "company", "Harnes", "electronic-boards", siret: "73282932000074");
        await Register("Biodéchets Services", "company", "Harnes", "bio-waste", siret: "35600000000048", description: "Collecte des BIOdéchets de la restauration");
        await Register("Mairie de Wingles", "municipality", "Wingles", "water");

        Assert.Equal(["Atelier des Cartes", "Biodéchets Services", "Compost Gohelle", "Mairie de Wingles"], Names(await List("")));
        Assert.Equal(["Biodéchets Services", "Compost Gohelle"], Names(await List("?theme=bio-waste")));
        Assert.Equal(["Atelier des Cartes", "Biodéchets Services"], Names(await List("?municipality=HARNES")));
        Assert.Equal(["Mairie de Wingles"], Names(await List("?kind=municipality")));
        Assert.Equal(["Compost Gohelle"], Names(await List("?q=COMPOSTAGE"))); // the sector
        Assert.Equal(["Biodéchets Services"], Names(await List("?q=restauration"))); // the description
        Assert.Equal(["Atelier des Cartes"], Names(await List("?q=cartes"))); // the name
        Assert.Equal(["Compost Gohelle"], Names(await List("?theme=bio-waste&municipality=Lens")));

        var page = await List("?page=2&pageSize=3");
        Assert.Equal(4, page.GetProperty("total").GetInt32());
        Assert.Equal(2, page.GetProperty("page").GetInt32());
        Assert.Equal(3, page.GetProperty("pageSize").GetInt32());
        Assert.Equal(["Mairie de Wingles"], Names(page));
    }

    [Fact]
    public async Task Archived_organisations_are_left_out_unless_asked_for()
    {
        await Register("Atelier des Cartes", "company", "Harnes", "electronic-boards", siret: "73282932000074");
        var archived = await Register("Ancienne Ressourcerie", "association", "Lens", "bio-waste");
        await ArchiveAsync(archived);

        Assert.Equal(["Atelier des Cartes"], Names(await List("")));
        Assert.Equal(["Ancienne Ressourcerie"], Names(await List("?status=archived")));
        Assert.Equal(["Atelier des Cartes"], Names(await List("?status=pending")));
        // Still readable one by one: events and articles may point to it.
        var fetched = await _client.GetFromJsonAsync<JsonElement>($"{Organisations}/{archived}");
        Assert.Equal("archived", fetched.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("?pageSize=201", "pageSize")]
    [InlineData("?page=0", "page")]
    [InlineData("?page=2147483647", "page")]
    [InlineData("?page=99999999999", "page")]
    [InlineData("?theme=gardening", "theme")]
    [InlineData("?municipality=Lille", "municipality")]
    [InlineData("?kind=shop", "kind")]
    [InlineData("?status=deleted", "status")]
    public async Task Bad_list_queries_are_refused_with_the_field_named(string query, string field)
    {
        var errors = await ValidationErrorsOf(await _client.GetAsync(Organisations + query));

        Assert.Equal([field], errors.Keys);
    }

    [Fact]
    public async Task Updating_with_the_version_read_answers_200_with_the_change_and_the_next_version()
    {
        var created = await (await _client.PostAsync(Organisations, Json(Recycler))).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetGuid();

        var changed = WithVersion(Recycler
            .Replace("\"lievin\"", "\"Loos-en-Gohelle\"", StringComparison.Ordinal)
            .Replace("Réemploi\"", "Déconstruction\"", StringComparison.Ordinal), 1);
        var response = await _client.PutAsync($"{Organisations}/{id}", Json(changed));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, body.GetProperty("version").GetInt32());
        Assert.Equal("Loos-en-Gohelle", body.GetProperty("municipality").GetString());
        Assert.Equal("Déconstruction", body.GetProperty("sector").GetString());
        Assert.Equal("73282932000074", body.GetProperty("siret").GetString());
        Assert.Equal(created.GetProperty("createdAt").GetDateTimeOffset(), body.GetProperty("createdAt").GetDateTimeOffset());
        Assert.True(body.GetProperty("updatedAt").GetDateTimeOffset() >= created.GetProperty("updatedAt").GetDateTimeOffset());

        var fetched = await _client.GetFromJsonAsync<JsonElement>($"{Organisations}/{id}");
        Assert.Equal("Loos-en-Gohelle", fetched.GetProperty("municipality").GetString());
        Assert.Equal(2, fetched.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Updating_from_a_stale_version_is_a_409_problem_and_changes_nothing()
    {
        var id = await Register("Compost Gohelle", "association", "Lens", "bio-waste");
        var first = await _client.PutAsync($"{Organisations}/{id}", Json(
            """{"name":"Compost Gohelle","kind":"association","municipality":"Lens","sector":"Compostage partagé","version":1}"""));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        var stale = await _client.PutAsync($"{Organisations}/{id}", Json(
            """{"name":"Compost de Lens","kind":"association","municipality":"Lens","version":1}"""));

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        var fetched = await _client.GetFromJsonAsync<JsonElement>($"{Organisations}/{id}");
        Assert.Equal("Compost Gohelle", fetched.GetProperty("name").GetString());
        Assert.Equal("Compostage partagé", fetched.GetProperty("sector").GetString());
        Assert.Equal(2, fetched.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task An_update_is_validated_like_a_registration_and_must_carry_the_version()
    {
        var id = await Register("Compost Gohelle", "association", "Lens", "bio-waste");

        var errors = await ValidationErrorsOf(await _client.PutAsync($"{Organisations}/{id}", Json(
            """{"name":"","kind":"company","municipality":"Lens","themes":["gardening"]}""")));

        Assert.Equal(["name", "siret", "themes[0]", "version"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_update_cannot_take_the_SIRET_of_another_organisation()
    {
        await Register("Atelier des Cartes", "company", "Harnes", "electronic-boards", siret: "73282932000074");
        var id = await Register("Biodéchets Services", "company", "Harnes", "bio-waste", siret: "35600000000048");

        var response = await _client.PutAsync($"{Organisations}/{id}", Json(
            """{"name":"Biodéchets Services","kind":"company","siret":"732 829 320 00074","municipality":"Harnes","version":1}"""));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var fetched = await _client.GetFromJsonAsync<JsonElement>($"{Organisations}/{id}");
        Assert.Equal("35600000000048", fetched.GetProperty("siret").GetString());
    }

    [Fact]
    public async Task The_version_is_checked_by_the_database_too_when_two_changes_cross()
    {
        // Both writers read version 1 before either saves: the in-request check cannot see the
        // clash, only the concurrency token on the row can.
        var id = await Register("Compost Gohelle", "association", "Lens", "bio-waste");
        using var firstScope = _factory.Services.CreateScope();
        using var secondScope = _factory.Services.CreateScope();
        var firstDb = firstScope.ServiceProvider.GetRequiredService<MembersContext>();
        var secondDb = secondScope.ServiceProvider.GetRequiredService<MembersContext>();
        var first = await firstDb.Organisations.SingleAsync(o => o.Id == id);
        var second = await secondDb.Organisations.SingleAsync(o => o.Id == id);
        var details = new OrganisationDetails("Compost Gohelle", "association", null, "Lens", null, null, null, null, "Compostage", null, null, null, []);

        first.Update(details, DateTime.UtcNow);
        await firstDb.SaveChangesAsync();
        second.Update(details with { Sector = "Jardinage" }, DateTime.UtcNow);

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => secondDb.SaveChangesAsync());
    }

    private async Task<Guid> Register(string name, string kind, string municipality, string theme, string? siret = null, string? sector = null, string? description = null)
    {
        var response = await _client.PostAsJsonAsync(Organisations, new
        {
            name,
            kind,
            siret,
            municipality,
            sector,
            description = description is null ? null : new { fr = description },
            themes = new[] { theme },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task ArchiveAsync(Guid id)
    {
        var archived = await _client.PostAsync($"{Organisations}/{id}/archive", null);
        Assert.Equal(HttpStatusCode.OK, archived.StatusCode);
        Assert.Equal("archived", (await archived.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    private async Task<JsonElement> List(string query) => await _client.GetFromJsonAsync<JsonElement>(Organisations + query);

    private static List<string> Names(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("name").GetString()!).ToList();

    private static List<string> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToList();

    private static string WithVersion(string json, int version)
    {
        var body = JsonNode.Parse(json)!.AsObject();
        body["version"] = version;
        return body.ToJsonString();
    }

    private static async Task<Dictionary<string, string[]>> ValidationErrorsOf(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return problem.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
    }

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}

public sealed class OrganisationsApiOnSqliteTests : OrganisationsApiTests
{
    protected override Task<string?> CreateDatabaseAsync() => Task.FromResult<string?>(null);
}

public sealed class OrganisationsApiOnPostgresTests(PostgresFixture postgres) : OrganisationsApiTests, IClassFixture<PostgresFixture>
{
    protected override async Task<string?> CreateDatabaseAsync() => await postgres.CreateDatabaseAsync();
}
