using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CircularPlatform.Contracts.IntegrationEvents;
using CircularPlatform.TestSupport;
using MassTransit.Testing;

namespace CircularPlatform.Knowledge.Tests;

/// <summary>The same API behaviour whichever database the service runs on.</summary>
public abstract partial class ArticlesApiTests : KnowledgeServiceTests
{
    private readonly Guid _authorId = Guid.NewGuid();
    /// <summary>The member who writes the articles.</summary>
    private HttpClient _author = null!;
    private HttpClient _otherMember = null!;
    private HttpClient _organiser = null!;

    protected override void Configure(ServiceFactory<Program> factory)
    {
        factory.Settings["Knowledge:Attachments:MaxBytes"] = MaxFileBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        factory.Settings["Knowledge:Attachments:MaxPerArticle"] = "3";
        _author = As(Authority.Token("member", subject: _authorId));
        _otherMember = As(Authority.Token("member"));
        _organiser = As(Authority.Token("organiser"));
    }

    private const string Composting = """
        {"kind":"feedback","themes":["bio-waste","local-food"],"tags":["Compost","cantine","compost"],
         "title":{"fr":"Composter les biodéchets d'une cantine","en":"Composting a canteen's bio-waste"},
         "summary":{"fr":"Retour d'expérience à Liévin.","en":"Feedback from Liévin."},
         "body":{"fr":"## Démarrage\n\nNous avons **commencé** en mars.","en":"## Getting started\n\nWe **started** in March."}}
        """;

    private const string FrenchOnly = """
        {"kind":"guide","themes":["water"],"title":{"fr":"Protéger la nappe"},"body":{"fr":"Un guide en français."}}
        """;

    [Fact]
    public async Task With_nothing_published_the_list_is_an_empty_page()
    {
        await Draft(Composting);

        var page = await Anonymous.GetFromJsonAsync<JsonElement>("/api/knowledge/articles?theme=water&lang=en");

        Assert.Equal(0, page.GetProperty("total").GetInt32());
        Assert.Equal(0, page.GetProperty("items").GetArrayLength());
        Assert.Equal(1, page.GetProperty("page").GetInt32());
        Assert.Equal(20, page.GetProperty("pageSize").GetInt32());
    }

    [Theory]
    [InlineData("/api/knowledge/articles?theme=gardening", "theme")]
    [InlineData("/api/knowledge/articles?lang=de", "lang")]
    [InlineData("/api/knowledge/articles?kind=novel", "kind")]
    [InlineData("/api/knowledge/articles?pageSize=500", "pageSize")]
    public async Task Bad_queries_are_refused_with_the_field_named(string url, string field)
    {
        var response = await Anonymous.GetAsync(url);

        Assert.Equal([field], (await ValidationErrorsOf(response)).Keys);
    }

    [Fact]
    public async Task A_member_writes_a_draft_that_is_theirs_with_its_first_revision()
    {
        var response = await _author.PostAsync("/api/knowledge/articles", Json(Composting));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetGuid();
        Assert.Equal($"/api/knowledge/articles/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Equal("draft", body.GetProperty("status").GetString());
        Assert.Equal(_authorId, body.GetProperty("authorId").GetGuid());
        Assert.Equal(["compost", "cantine"], body.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(["bio-waste", "local-food"], body.GetProperty("themes").EnumerateArray().Select(t => t.GetString()));

        var revisions = await _author.GetFromJsonAsync<JsonElement>($"/api/knowledge/articles/{id}/revisions");
        var first = Assert.Single(revisions.GetProperty("items").EnumerateArray());
        Assert.Equal(1, first.GetProperty("number").GetInt32());
        Assert.Equal(_authorId, first.GetProperty("savedBy").GetGuid());
        Assert.Equal("Composter les biodéchets d'une cantine", first.GetProperty("title").GetProperty("fr").GetString());
    }

    [Fact]
    public async Task Anonymous_visitors_write_nothing()
    {
        var response = await Anonymous.PostAsync("/api/knowledge/articles", Json(Composting));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_draft_is_seen_only_by_its_author_and_the_organisers()
    {
        var (id, _) = await Draft(Composting);

        Assert.Equal(HttpStatusCode.OK, (await _author.GetAsync($"/api/knowledge/articles/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _organiser.GetAsync($"/api/knowledge/articles/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _otherMember.GetAsync($"/api/knowledge/articles/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous.GetAsync($"/api/knowledge/articles/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _otherMember.GetAsync($"/api/knowledge/articles/{id}/revisions")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Anonymous.GetAsync($"/api/knowledge/articles/{id}/revisions")).StatusCode);
    }

    [Fact]
    public async Task Only_the_author_edits_a_draft_and_only_from_its_current_version()
    {
        var (id, etag) = await Draft(Composting);
        var changed = Composting.Replace("en mars", "en avril");

        Assert.Equal(HttpStatusCode.NotFound, (await Put(_otherMember, id, changed, etag)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Put(_organiser, id, changed, etag)).StatusCode);
        Assert.Equal((HttpStatusCode)428, (await Put(_author, id, changed, null)).StatusCode);

        var saved = await Put(_author, id, changed, etag);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal("\"2\"", saved.Headers.ETag?.Tag);
        var body = await saved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("en avril", body.GetProperty("body").GetProperty("fr").GetString());

        // A second save from the version the first one replaced would overwrite it unseen.
        var stale = await Put(_author, id, Composting, etag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);

        var revisions = await _author.GetFromJsonAsync<JsonElement>($"/api/knowledge/articles/{id}/revisions");
        Assert.Equal([2, 1], revisions.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("number").GetInt32()));
    }

    [Fact]
    public async Task Of_two_saves_from_the_same_version_at_once_one_is_kept_and_the_other_refused()
    {
        var (id, etag) = await Draft(Composting);

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Put(_author, id, Composting.Replace("en mars", $"le {i + 1} mars"), etag)));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.OK),
            a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.PreconditionFailed, HttpStatusCode.Conflict }));
        var revisions = await _author.GetFromJsonAsync<JsonElement>($"/api/knowledge/articles/{id}/revisions");
        Assert.Equal(2, revisions.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Submitted_then_approved_the_article_is_published_for_everyone_and_announced()
    {
        var (id, _) = await Draft(Composting);

        Assert.Equal(HttpStatusCode.NotFound, (await Post(_otherMember, id, "submit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Post(_organiser, id, "submit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Post(_author, id, "approve")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Post(_organiser, id, "approve")).StatusCode);

        var submitted = await Post(_author, id, "submit");
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Equal("submitted", (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await Post(_author, id, "submit")).StatusCode);
        var blocked = await Put(_author, id, Composting, submitted.Headers.ETag!);
        Assert.Equal(HttpStatusCode.Conflict, blocked.StatusCode);
        Assert.Contains("under review", (await blocked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(0, (await Anonymous.GetFromJsonAsync<JsonElement>("/api/knowledge/articles")).GetProperty("total").GetInt32());

        var approved = await Post(_organiser, id, "approve");
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal("published", (await approved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

        var published = Assert.IsType<ArticlePublished>(await Factory.Harness.PublishedAsync<ArticlePublished>(m => m.ArticleId == id));
        Assert.Equal("Composting a canteen's bio-waste", published.Title.En);
        Assert.Equal("feedback", published.Kind);
        Assert.Equal(["bio-waste", "local-food"], published.Themes);
        Assert.Equal(_authorId, published.AuthorId);

        var list = await Anonymous.GetFromJsonAsync<JsonElement>("/api/knowledge/articles?theme=bio-waste&kind=feedback&q=CANTINE");
        Assert.Equal(id, Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.OK, (await Anonymous.GetAsync($"/api/knowledge/articles/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_rejected_article_returns_to_its_author_as_a_draft_with_the_comment()
    {
        var (id, _) = await Draft(Composting);
        await Post(_author, id, "submit");

        Assert.Equal(["comment"], (await ValidationErrorsOf(await _organiser.PostAsJsonAsync($"/api/knowledge/articles/{id}/reject", new { comment = " " }))).Keys);
        Assert.Equal(HttpStatusCode.Forbidden, (await _author.PostAsJsonAsync($"/api/knowledge/articles/{id}/reject", new { comment = "non" })).StatusCode);

        var rejected = await _organiser.PostAsJsonAsync($"/api/knowledge/articles/{id}/reject", new { comment = "Ajoutez les tonnages." });
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        var body = await _author.GetFromJsonAsync<JsonElement>($"/api/knowledge/articles/{id}");
        Assert.Equal("draft", body.GetProperty("status").GetString());
        Assert.Equal("Ajoutez les tonnages.", body.GetProperty("reviewComment").GetString());

        // The author can work on it again and submit it anew.
        Assert.Equal(HttpStatusCode.OK, (await Put(_author, id, Composting, rejected.Headers.ETag!)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Post(_author, id, "submit")).StatusCode);
        Assert.False(await Factory.Harness.Published.Any<ArticlePublished>());
    }

    [Fact]
    public async Task A_published_article_is_archived_by_an_organiser_and_then_no_longer_listed()
    {
        var (id, _) = await Draft(Composting);
        Assert.Equal(HttpStatusCode.Conflict, (await Post(_organiser, id, "archive")).StatusCode);
        await Publish(id);

        Assert.Equal(HttpStatusCode.Forbidden, (await Post(_author, id, "archive")).StatusCode);
        var archived = await Post(_organiser, id, "archive");
        Assert.Equal(HttpStatusCode.OK, archived.StatusCode);
        Assert.Equal("archived", (await archived.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await Post(_organiser, id, "archive")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Put(_author, id, Composting, archived.Headers.ETag!)).StatusCode);

        Assert.Equal(0, (await Anonymous.GetFromJsonAsync<JsonElement>("/api/knowledge/articles")).GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await Anonymous.GetAsync($"/api/knowledge/articles/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_revised_published_article_goes_back_to_review_and_is_announced_again_once_approved()
    {
        var (id, _) = await Draft(Composting);
        var etag = await Publish(id);

        Assert.Equal(HttpStatusCode.Forbidden, (await Put(_otherMember, id, Composting, etag)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _otherMember.GetAsync($"/api/knowledge/articles/{id}/revisions")).StatusCode);
        var revised = await Put(_organiser, id, Composting.Replace("en mars", "en mars 2026"), etag);
        Assert.Equal(HttpStatusCode.OK, revised.StatusCode);
        Assert.Equal("submitted", (await revised.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous.GetAsync($"/api/knowledge/articles/{id}")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await Post(_organiser, id, "approve")).StatusCode);
        await WaitUntil(() => Factory.Harness.Published.Select<ArticlePublished>().Count(m => m.Context.Message.ArticleId == id) == 2);
        var revisions = await _author.GetFromJsonAsync<JsonElement>($"/api/knowledge/articles/{id}/revisions");
        Assert.Equal(2, revisions.GetProperty("total").GetInt32());
        Assert.NotEqual(_authorId, revisions.GetProperty("items")[0].GetProperty("savedBy").GetGuid());
    }

    [Theory]
    [InlineData("?lang=en", null, "en", false, "Composting a canteen's bio-waste")]
    [InlineData("", "en-GB,en;q=0.9", "en", false, "Composting a canteen's bio-waste")]
    [InlineData("", null, "fr", false, "Composter les biodéchets d'une cantine")]
    [InlineData("?lang=fr", "en", "fr", false, "Composter les biodéchets d'une cantine")]
    public async Task The_reader_gets_their_language_rendered(string query, string? acceptLanguage, string language, bool fallback, string title)
    {
        var (id, _) = await Draft(Composting);
        await Publish(id);

        var text = await Text(id, query, acceptLanguage);

        Assert.Equal(language, text.GetProperty("language").GetString());
        Assert.Equal(fallback, text.GetProperty("fallback").GetBoolean());
        Assert.Equal(title, text.GetProperty("title").GetString());
        Assert.StartsWith("<h2 id=\"", text.GetProperty("html").GetString());
    }

    [Fact]
    public async Task An_english_reader_of_a_french_only_article_is_told_it_is_a_fallback()
    {
        var (id, _) = await Draft(FrenchOnly);
        await Publish(id);

        var text = await Text(id, "?lang=en", null);

        Assert.Equal("fr", text.GetProperty("language").GetString());
        Assert.True(text.GetProperty("fallback").GetBoolean());
        Assert.Equal("<p>Un guide en français.</p>", text.GetProperty("html").GetString()!.Trim());
        Assert.Equal(["lang"], (await ValidationErrorsOf(await Anonymous.GetAsync($"/api/knowledge/articles/{id}?lang=de"))).Keys);
    }

    [Fact]
    public async Task The_body_a_reader_gets_runs_nothing_its_author_slipped_in()
    {
        var (id, _) = await Draft(FrenchOnly.Replace("Un guide en français.", "[clic](javascript:alert(1)) <img src=x onerror=alert(1)> <script>alert(2)</script>"));

        var html = (await Text(id, "", null, _author)).GetProperty("html").GetString()!;

        Assert.DoesNotContain("javascript:", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<img", html);
        Assert.Contains("&lt;script&gt;", html);
    }

    [Fact]
    public async Task Invalid_articles_are_refused_with_every_field_named()
    {
        var response = await _author.PostAsync("/api/knowledge/articles", Json("""
            {"kind":"novel","themes":["water","gardening"],"title":{"fr":" ","en":"Only English"},
             "summary":{"en":"Only English"},"tags":["ok",""],"programme":{"link":"https://aides.example.org"}}
            """));

        var errors = await ValidationErrorsOf(response);
        Assert.Equal(["body.fr", "kind", "programme", "summary.fr", "tags[1]", "themes[1]", "title.fr"], errors.Keys.Order());
    }

    [Fact]
    public async Task A_programme_says_who_may_apply_by_when_and_where()
    {
        var (id, _) = await Draft("""
            {"kind":"programme","themes":["funding"],"title":{"fr":"Fonds friches"},"body":{"fr":"Aide au recyclage des friches."},
             "programme":{"eligibility":{"fr":"Collectivités et entreprises du territoire"},"deadline":"2027-03-31T12:00","link":"https://aides.example.org/friches"}}
            """);

        var body = await _author.GetFromJsonAsync<JsonElement>($"/api/knowledge/articles/{id}");
        var programme = body.GetProperty("programme");
        Assert.Equal("Collectivités et entreprises du territoire", programme.GetProperty("eligibility").GetProperty("fr").GetString());
        Assert.Equal(new DateTimeOffset(2027, 3, 31, 12, 0, 0, TimeSpan.FromHours(2)), programme.GetProperty("deadline").GetDateTimeOffset());
        Assert.Equal("https://aides.example.org/friches", programme.GetProperty("link").GetString());

        var bad = await _author.PostAsync("/api/knowledge/articles", Json("""
            {"kind":"programme","themes":["funding"],"title":{"fr":"Fonds"},"body":{"fr":"Aide."},
             "programme":{"deadline":"31/03/2027","link":"javascript:alert(1)"}}
            """));
        Assert.Equal(["programme.deadline", "programme.link"], (await ValidationErrorsOf(bad)).Keys.Order());
    }

    private async Task<JsonElement> Text(Guid id, string query, string? acceptLanguage, HttpClient? client = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/knowledge/articles/{id}{query}");
        if (acceptLanguage is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        }
        var response = await (client ?? Anonymous).SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("text");
    }

    private async Task<(Guid Id, EntityTagHeaderValue ETag)> Draft(string json)
    {
        var response = await _author.PostAsync("/api/knowledge/articles", Json(json));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return ((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), response.Headers.ETag!);
    }

    /// <summary>Submitted by its author and approved by an organiser; the published article's ETag.</summary>
    private async Task<EntityTagHeaderValue> Publish(Guid id)
    {
        Assert.Equal(HttpStatusCode.OK, (await Post(_author, id, "submit")).StatusCode);
        var approved = await Post(_organiser, id, "approve");
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        return approved.Headers.ETag!;
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 60 s");
            await Task.Delay(50);
        }
    }

    private static async Task<Dictionary<string, string[]>> ValidationErrorsOf(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return problem.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
    }

}

public sealed class ArticlesApiOnSqliteTests : ArticlesApiTests
{
    protected override Task<string?> CreateDatabaseAsync() => Task.FromResult<string?>(null);
}

public sealed class ArticlesApiOnPostgresTests(PostgresFixture postgres) : ArticlesApiTests, IClassFixture<PostgresFixture>
{
    protected override async Task<string?> CreateDatabaseAsync() => await postgres.CreateDatabaseAsync();
}
