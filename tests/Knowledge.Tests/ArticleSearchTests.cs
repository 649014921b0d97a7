using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CircularPlatform.TestSupport;
using CircularPlatform.Knowledge.Apis;
using CircularPlatform.Knowledge.Infrastructure;
using CircularPlatform.Knowledge.Infrastructure.Search;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CircularPlatform.Knowledge.Tests;

/// <summary>
/// Full-text search of the knowledge base through <c>GET /api/knowledge/articles?q=</c>, the same
/// on both databases except where an engine can do more (PostgreSQL stems French; SQLite's FTS5 cannot).
/// </summary>
public abstract partial class ArticleSearchTests : KnowledgeServiceTests
{
    /// <summary>Monday 2 March 2026, 11:00 in Paris: the first article's publication.</summary>
    private static readonly DateTimeOffset FirstDay = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    private readonly ManualTimeProvider _clock = new(FirstDay);
    private HttpClient _author = null!;
    private HttpClient _organiser = null!;

    /// <summary>Whether the engine stems French words (PostgreSQL's Snowball stemmer; FTS5 has none).</summary>
    protected abstract bool StemsFrench { get; }

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(_clock);

    protected override void Configure(ServiceFactory<Program> factory)
    {
        _author = As(Authority.Token("member"));
        _organiser = As(Authority.Token("organiser"));
    }

    protected static string Article(
        string titleFr, string bodyFr, string? titleEn = null, string? bodyEn = null, string? summaryFr = null, string? summaryEn = null,
        string kind = "guide", string theme = "water", Guid? organisation = null) =>
        JsonSerializer.Serialize(new
        {
            kind,
            themes = new[] { theme },
            title = new { fr = titleFr, en = titleEn },
            summary = summaryFr is null ? null : new { fr = summaryFr, en = summaryEn },
            body = new { fr = bodyFr, en = bodyEn },
            organisationId = organisation,
        });

    protected static readonly string Energy = Article(
        "Réduire la consommation d'énergie d'une usine", "Un audit énergétique a précédé les travaux.",
        "Cutting a factory's energy use", "An audit came first.",
        summaryFr: "Retour d'expérience sur l'économie circulaire à Liévin.", summaryEn: "Feedback on the circular economy in Liévin.");

    [Theory]
    [InlineData("énergie")]
    [InlineData("energie")]
    [InlineData("ÉNERGIE")]
    [InlineData("ENERGIE")]
    [InlineData("ECONOMIE")]
    [InlineData("Energy")]
    [InlineData("ECONOMY")]
    public async Task Search_ignores_accents_and_case_in_both_languages(string q)
    {
        var id = await Publish(Energy);
        await Publish(Article("Protéger la nappe", "Un guide sur l'eau."));

        Assert.Equal([id], await Found(q));
    }

    [Theory]
    [InlineData("recycler", "Les palettes sont recyclées sur place.")]
    [InlineData("recycling", "Pallets are recycled on site.")]
    [InlineData("batteries", "Each battery is tested.")]
    [InlineData("déchet", "Les déchets verts sont broyés.")]
    public async Task Search_finds_other_forms_of_a_word(string q, string text)
    {
        var id = await Publish(Article("Un chantier exemplaire", text, "An exemplary site", text));

        Assert.Equal([id], await Found(q));
    }

    [Fact]
    public async Task Search_finds_the_other_forms_of_a_french_word_only_where_the_engine_stems_french()
    {
        var id = await Publish(Article("Le modèle de l'économie de la fonctionnalité", "Vendre l'usage plutôt que le bien."));

        var found = await Found("économiques");

        if (StemsFrench)
        {
            Assert.Equal([id], found);
        }
        else
        {
            Assert.Empty(found);
        }
    }

    [Fact]
    public async Task The_last_word_is_found_as_the_start_of_a_word_being_typed()
    {
        var id = await Publish(Article("La méthanisation à la ferme", "Un digesteur de 500 kW."));

        Assert.Equal([id], await Found("ferme méthanis"));
        Assert.Empty(await Found("ferme éolienne"));
    }

    [Fact]
    public async Task A_match_in_the_title_ranks_above_a_match_in_the_body_only_and_newer_ties_come_first()
    {
        var inTitle = await Publish(Article("Le réemploi des briques", "Un chantier de déconstruction à Lens."));
        _clock.Advance(TimeSpan.FromDays(1));
        var inBody = await Publish(Article("Déconstruire une école", "Les briques sont triées, les briques sont nettoyées, puis les briques repartent."));
        _clock.Advance(TimeSpan.FromDays(1));
        var older = await Publish(Article("Un guide des gravats", "Des gravats concassés sur place."));
        _clock.Advance(TimeSpan.FromDays(1));
        var newer = await Publish(Article("Un guide des gravats", "Des gravats concassés sur place."));

        Assert.Equal([inTitle, inBody], await Found("briques"));
        Assert.Equal([newer, older], await Found("gravats"));
        // Without a search, the newest first, as always.
        Assert.Equal([newer, older, inBody, inTitle], await Found(null));
    }

    [Fact]
    public async Task Each_item_has_a_snippet_with_the_matched_words_marked_in_the_language_they_were_found_in()
    {
        var composting = await Publish(Article(
            "Composter les biodéchets d'une cantine", "Nous avons commencé le compostage en mars, avec des bacs en bois.",
            "Composting a canteen's bio-waste", "We started composting in March, with wooden bins."));
        var frenchOnly = await Publish(Article("Un guide", "Le compostage partagé au pied des immeubles."));

        var french = await Items("?q=compostage");
        Assert.Equal(new[] { composting, frenchOnly }.Order(), french.Select(i => i.GetProperty("id").GetGuid()).Order());
        Assert.All(french, item =>
        {
            var snippet = item.GetProperty("snippet");
            Assert.Equal("fr", snippet.GetProperty("language").GetString());
            Assert.Matches(MarkedWord("compostage"), snippet.GetProperty("html").GetString());
        });

        var english = await Items("?q=composting&lang=en");
        var item = Assert.Single(english);
        Assert.Equal("en", item.GetProperty("snippet").GetProperty("language").GetString());
        Assert.Matches(MarkedWord("composting"), item.GetProperty("snippet").GetProperty("html").GetString());

        // An English reader of words found only in French is shown where they are, in French.
        var foundInFrench = await Items("?q=immeubles", acceptLanguage: "en");
        Assert.Equal("fr", Assert.Single(foundInFrench).GetProperty("snippet").GetProperty("language").GetString());

        // No search, no snippet (null values are left out of answers).
        Assert.All(await Items(""), i => Assert.False(i.TryGetProperty("snippet", out _)));
    }

    [Fact]
    public async Task A_snippet_is_the_few_words_around_the_first_match_with_every_form_of_the_word_marked()
    {
        var before = string.Join(' ', Enumerable.Range(1, 40).Select(i => $"avant{i}"));
        var after = string.Join(' ', Enumerable.Range(1, 40).Select(i => $"après{i}"));
        await Publish(Article("Un audit", $"{before} les énergies renouvelables et une énergie solaire {after}."));

        var html = Assert.Single(await Items("?q=énergie")).GetProperty("snippet").GetProperty("html").GetString()!;

        Assert.StartsWith("…", html);
        Assert.EndsWith("…", html);
        Assert.Contains("<mark>énergies</mark>", html);
        Assert.Contains("<mark>énergie</mark>", html);
        Assert.Contains("avant40", html);
        Assert.DoesNotContain("avant30 ", html);
        Assert.InRange(Regex.Matches(html, @"[\p{L}\p{N}]+").Count - 2 * Regex.Matches(html, "<mark>").Count, 20, WordMarker.SnippetWords);
    }

    [Fact]
    public async Task A_snippet_lets_no_markup_of_the_article_through()
    {
        await Publish(Article("Un méthaniseur",
            "## Le site\n\nLe <script>alert(1)</script> **méthaniseur** de [Liévin](https://example.org/a) & <img src=x onerror=alert(2)> \"ses\" 'voisins'."));

        var html = Assert.Single(await Items("?q=méthaniseur")).GetProperty("snippet").GetProperty("html").GetString()!;

        Assert.Matches(MarkedWord("méthaniseur"), html);
        Assert.All(Regex.Matches(html, "<[^>]*>"), tag => Assert.Contains(tag.Value, new[] { "<mark>", "</mark>" }));
        Assert.DoesNotMatch("&(?!(amp|lt|gt|quot|#39);)", html);
        Assert.DoesNotContain("**", html);
        Assert.DoesNotContain("##", html);
        Assert.DoesNotContain("https://example.org", html);
        Assert.Contains("Liévin", html);
    }

    [Fact]
    public async Task Items_are_in_the_readers_language_or_french_saying_it_is_a_fallback()
    {
        var bilingual = await Publish(Energy);
        _clock.Advance(TimeSpan.FromDays(1));
        var frenchOnly = await Publish(Article("Une usine plus sobre en énergie", "Un guide en français."));

        var english = await Items("?q=energie", acceptLanguage: "en-GB,en;q=0.9");
        Assert.Equal(new[] { bilingual, frenchOnly }.Order(), english.Select(i => i.GetProperty("id").GetGuid()).Order());
        Assert.Equal(("en", false, "Cutting a factory's energy use", "Feedback on the circular economy in Liévin."),
            Text(english.Single(i => i.GetProperty("id").GetGuid() == bilingual)));
        Assert.Equal(("fr", true, "Une usine plus sobre en énergie", null), Text(english.Single(i => i.GetProperty("id").GetGuid() == frenchOnly)));

        var french = await Items("?lang=fr", acceptLanguage: "en");
        Assert.Equal(("fr", false, "Réduire la consommation d'énergie d'une usine", "Retour d'expérience sur l'économie circulaire à Liévin."),
            Text(french.Single(i => i.GetProperty("id").GetGuid() == bilingual)));
        Assert.Equal(["fr", "en"], french.Single(i => i.GetProperty("id").GetGuid() == bilingual).GetProperty("languages").EnumerateArray().Select(l => l.GetString()));

        static (string?, bool, string?, string?) Text(JsonElement item) => (
            item.GetProperty("language").GetString(), item.GetProperty("fallback").GetBoolean(),
            item.GetProperty("title").GetString(), item.TryGetProperty("summary", out var summary) ? summary.GetString() : null);
    }

    [Fact]
    public async Task Filters_narrow_the_search_and_the_list_alone_or_together()
    {
        var lensCity = Guid.NewGuid();
        var agency = Guid.NewGuid();
        // Published on 2 March, 6 March and 11 March (Paris).
        var a = await Publish(Article("La nappe du territoire", "Surveiller la nappe.", "The aquifer", "Watching the aquifer.", kind: "guide", theme: "water", organisation: lensCity));
        _clock.Advance(TimeSpan.FromDays(4));
        var b = await Publish(Article("Les forages du territoire", "Un retour sur les forages.", kind: "feedback", theme: "water", organisation: agency));
        _clock.Advance(TimeSpan.FromDays(5));
        var c = await Publish(Article("Les biodéchets du territoire", "Un guide du compost.", kind: "guide", theme: "bio-waste", organisation: lensCity));
        await Publish(Article("Autre chose", "Sans le mot cherché.", theme: "water"));

        Assert.Equal([c, b, a], await Found("territoire"));
        Assert.Equal([b, a], await Found("territoire", "&theme=water"));
        Assert.Equal([c, a], await Found("territoire", "&kind=guide"));
        Assert.Equal([a], await Found("territoire", "&lang=en"));
        Assert.Equal([c, a], await Found("territoire", $"&organisation={lensCity}"));
        Assert.Equal([c, b], await Found("territoire", "&from=2026-03-06"));
        Assert.Equal([b, a], await Found("territoire", "&to=2026-03-06"));
        Assert.Equal([b], await Found("territoire", "&from=2026-03-03&to=2026-03-10"));
        Assert.Equal([a], await Found("territoire", $"&theme=water&kind=guide&organisation={lensCity}&from=2026-03-02&to=2026-03-02&lang=en"));
        Assert.Empty(await Found("territoire", $"&theme=bio-waste&organisation={agency}"));
        // The same filters without a search.
        Assert.Equal([c, a], await Found(null, $"&organisation={lensCity}"));
        Assert.Equal(4, (await Anonymous.GetFromJsonAsync<JsonElement>("/api/knowledge/articles?from=2026-03-02")).GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("?organisation=lens", "organisation")]
    [InlineData("?from=31/03/2026", "from")]
    [InlineData("?to=2026-02-30", "to")]
    [InlineData("?from=2026-03-10&to=2026-03-01", "to")]
    [InlineData("?q=***", "q")]
    [InlineData("?q=a", "q")]
    [InlineData("?q=un+deux+trois+quatre+cinq+six+sept+huit+neuf+dix+onze", "q")]
    public async Task Invalid_filters_and_searches_are_refused_with_the_field_and_the_reason(string query, string field)
    {
        var response = await Anonymous.GetAsync($"/api/knowledge/articles{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        var reasons = errors.GetProperty(field);
        Assert.NotEmpty(reasons.EnumerateArray().Single().GetString()!);
        Assert.Single(errors.EnumerateObject());
    }

    [Fact]
    public async Task Drafts_and_articles_under_review_are_never_found_and_archived_ones_no_longer()
    {
        var draft = await Draft(Article("Le lombricompostage", "Des vers et du carton."));
        Assert.Empty(await Found("lombricompostage"));
        Assert.Equal(HttpStatusCode.OK, (await Post(_author, draft, "submit")).StatusCode);
        Assert.Empty(await Found("lombricompostage"));
        Assert.Equal(HttpStatusCode.OK, (await _organiser.PostAsJsonAsync($"/api/knowledge/articles/{draft}/reject", new { comment = "Ajoutez les tonnages." })).StatusCode);
        Assert.Empty(await Found("lombricompostage"));

        var published = await Publish(Article("Le vermicompostage", "Des vers et du carton."));
        Assert.Equal([published], await Found("vermicompostage"));
        Assert.Equal(HttpStatusCode.OK, (await Post(_organiser, published, "archive")).StatusCode);
        Assert.Empty(await Found("vermicompostage"));
    }

    [Fact]
    public async Task The_index_follows_every_change_approval_and_archiving()
    {
        var id = await Draft(Article("Chauffer un quartier", "Par la géothermie."));
        Assert.Equal(HttpStatusCode.OK, (await Post(_author, id, "submit")).StatusCode);
        var approved = await Post(_organiser, id, "approve");
        Assert.Equal([id], await Found("géothermie"));

        // Revised, the article is back under review: out of the search until approved again.
        var revised = await Put(_organiser, id, Article("Chauffer un quartier", "Par le photovoltaïque."), approved.Headers.ETag!);
        Assert.Equal(HttpStatusCode.OK, revised.StatusCode);
        Assert.Empty(await Found("géothermie"));
        Assert.Empty(await Found("photovoltaïque"));

        Assert.Equal(HttpStatusCode.OK, (await Post(_organiser, id, "approve")).StatusCode);
        Assert.Empty(await Found("géothermie"));
        Assert.Equal([id], await Found("photovoltaique"));

        Assert.Equal(HttpStatusCode.OK, (await Post(_organiser, id, "archive")).StatusCode);
        Assert.Empty(await Found("photovoltaique"));
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("*")]
    [InlineData("NEAR(")]
    [InlineData("a OR")]
    [InlineData("-")]
    [InlineData(":")]
    [InlineData("&|!")]
    [InlineData("😀")]
    [InlineData("'")]
    [InlineData("\\")]
    [InlineData("()")]
    [InlineData("^")]
    [InlineData("<->")]
    [InlineData("AND OR NOT")]
    [InlineData("title_fr:x")]
    [InlineData("{title_fr}")]
    [InlineData("x'y\\\\z\"")]
    [InlineData("😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("é'é'é'é'é'é'é'é'é'é'é'é'é'é'é'é'é'é'é'é'é'é'é'é'é'é'é'é'é'é'é'é'é'é'é'é'é'é'é'é'é'é'é'é'é'é'é'é'é'é")]
    [InlineData("the of and")]
    [InlineData("les des du")]
    public async Task Hostile_searches_get_an_answer_or_a_clear_refusal_never_a_server_error(string q)
    {
        await Publish(Energy);

        var response = await Anonymous.GetAsync($"/api/knowledge/articles?q={Uri.EscapeDataString(q)}");

        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("q", out _));
        }
        else
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Theory]
    [InlineData("\"énergie")]
    [InlineData("énergie*")]
    [InlineData("-énergie")]
    [InlineData("{énergie}^")]
    [InlineData("énergie & | ! :*")]
    [InlineData("énergie 😀")]
    [InlineData("'énergie'")]
    [InlineData("(énergie) usine")]
    public async Task The_query_languages_syntax_is_only_text_to_search(string q)
    {
        var id = await Publish(Energy);

        Assert.Equal([id], await Found(q));
    }

    [Fact]
    public async Task A_search_pages_its_results_and_counts_them()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await Publish(Article($"Fiche {i} sur le réemploi", "Le réemploi des matériaux.")));
            _clock.Advance(TimeSpan.FromHours(1));
        }

        var page = await Anonymous.GetFromJsonAsync<JsonElement>("/api/knowledge/articles?q=reemploi&page=2&pageSize=2");

        Assert.Equal(5, page.GetProperty("total").GetInt32());
        Assert.Equal([ids[2], ids[1]], page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
    }

    [Fact]
    public async Task Titles_that_hold_the_words_come_first_even_when_the_newest_hundred_matches_hold_only_some_of_them()
    {
        // Five titles with the word: two older than the hundred newest matches, three among them.
        var heads = new List<Guid>();
        for (var i = 0; i < ArticleListPage.CountedUpTo + 10; i++)
        {
            var inTitle = i is 0 or 5 or 50 or 100 or 105;
            var id = await Publish(inTitle
                ? Article($"Les gravats, fiche {i}", "Un chantier.")
                : Article($"Fiche {i}", "Des gravats concassés sur place."));
            if (inTitle)
            {
                heads.Insert(0, id);
            }
            _clock.Advance(TimeSpan.FromMinutes(1));
        }

        var page = await Anonymous.GetFromJsonAsync<JsonElement>("/api/knowledge/articles?q=gravats&pageSize=5");

        Assert.Equal(heads, page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
        Assert.False(page.GetProperty("totalExact").GetBoolean());
    }

    [Fact]
    public async Task A_list_counts_up_to_a_hundred_and_says_when_there_are_more()
    {
        var ids = new List<Guid>();
        for (var i = 0; i <= ArticleListPage.CountedUpTo; i++)
        {
            ids.Add(await Publish(Article($"Fiche {i} sur le réemploi", "Le réemploi des matériaux.")));
            _clock.Advance(TimeSpan.FromMinutes(1));
        }
        ids.Reverse();

        foreach (var query in new[] { "?q=reemploi", "?theme=water", "" })
        {
            var first = await Anonymous.GetFromJsonAsync<JsonElement>($"/api/knowledge/articles{query}");
            Assert.Equal(ArticleListPage.CountedUpTo, first.GetProperty("total").GetInt32());
            Assert.False(first.GetProperty("totalExact").GetBoolean());
            Assert.Equal(ids.Take(20), first.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));

            // A page beyond the bound is counted to its end: here the last one, and the count exact.
            var separator = query.Length == 0 ? "?" : "&";
            var last = await Anonymous.GetFromJsonAsync<JsonElement>($"/api/knowledge/articles{query}{separator}page=6&pageSize=20");
            Assert.Equal(ids.Count, last.GetProperty("total").GetInt32());
            Assert.True(last.GetProperty("totalExact").GetBoolean());
            Assert.Equal([ids[^1]], last.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
        }
    }

    /// <summary>A marked word that is the given one, whatever its case and ending.</summary>
    private static Regex MarkedWord(string word) => new($"<mark>{Regex.Escape(word[..^2])}[^<]*</mark>", RegexOptions.IgnoreCase);

    protected async Task<Guid[]> Found(string? q, string filters = "")
    {
        var items = await Items((q is null ? "?pageSize=200" : $"?q={Uri.EscapeDataString(q)}&pageSize=200") + filters);
        return [.. items.Select(i => i.GetProperty("id").GetGuid())];
    }

    protected async Task<JsonElement[]> Items(string query, string? acceptLanguage = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/knowledge/articles{query}");
        if (acceptLanguage is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        }
        var response = await Anonymous.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadFromJsonAsync<JsonElement>();
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    private async Task<Guid> Draft(string json)
    {
        var response = await _author.PostAsync("/api/knowledge/articles", Json(json));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Written, submitted and approved: published at the clock's time.</summary>
    protected async Task<Guid> Publish(string json)
    {
        var id = await Draft(json);
        Assert.Equal(HttpStatusCode.OK, (await Post(_author, id, "submit")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Post(_organiser, id, "approve")).StatusCode);
        return id;
    }
}

public sealed class ArticleSearchOnSqliteTests : ArticleSearchTests
{
    protected override Task<string?> CreateDatabaseAsync() => Task.FromResult<string?>(null);

    protected override bool StemsFrench => false;

    [Fact]
    public async Task A_half_typed_word_becomes_the_whole_words_it_starts_from_a_copy_of_the_index_vocabulary_while_it_is_current()
    {
        var id = await Publish(Article("La méthanisation à la ferme", "Un digesteur et son digestat."));
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<KnowledgeContext>();
        async Task<long> Version() => await db.Database.SqlQuery<long>($"SELECT version AS Value FROM article_search_version").SingleAsync();
        var version = await Version();
        var vocabulary = new SearchVocabulary();
        Assert.False(vocabulary.TryExpand("méthanis", version, out _));

        vocabulary.Refresh(db.Database.GetConnectionString()!);
        await Wait.UntilAsync(() => Task.FromResult(vocabulary.TryExpand("digest", version, out _)), "the vocabulary is read");

        Assert.True(vocabulary.TryExpand("MÉTHANIS", version, out var methanisation));
        Assert.Equal(["methanis"], methanisation);
        Assert.True(vocabulary.TryExpand("digest", version, out var digest));
        Assert.Equal(["digestat", "digesteur"], digest);
        Assert.True(vocabulary.TryExpand("éolienne", version, out var none));
        Assert.Empty(none!);

        // Any change to the index makes the copy out of date: the search falls back on FTS5's prefixes.
        await Publish(Article("Une éolienne", "Le mât est recyclé."));
        Assert.True(await Version() > version);
        Assert.False(vocabulary.TryExpand("méthanis", await Version(), out _));
        Assert.Equal([id], await Found("méthanis"));
    }
}

public sealed class ArticleSearchOnPostgresTests(PostgresFixture postgres) : ArticleSearchTests, IClassFixture<PostgresFixture>
{
    protected override async Task<string?> CreateDatabaseAsync() => await postgres.CreateDatabaseAsync();

    protected override bool StemsFrench => true;

    private readonly CommandLog _commands = new();

    protected override void ConfigureServices(IServiceCollection services)
    {
        base.ConfigureServices(services);
        services.AddSingleton<IInterceptor>(_commands);
    }

    [Fact]
    public async Task The_snippets_take_the_searched_stems_from_the_walk_of_the_matches_with_no_command_of_their_own()
    {
        await Publish(Energy);
        _commands.Clear();

        var html = Assert.Single(await Items("?q=énergies")).GetProperty("snippet").GetProperty("html").GetString()!;

        Assert.Contains("<mark>", html);
        // One statement turned the words into the index's stems: the walk, which also answered them.
        var asked = Assert.Single(_commands.Texts, text => text.Contains("article_search_query", StringComparison.Ordinal));
        Assert.Contains("ORDER BY a.\"PublishedAt\" DESC", asked);
    }

    [Fact]
    public async Task Where_the_service_and_the_engine_read_a_word_differently_the_engine_marks_it()
    {
        // unaccent spells "œ" out as "oe"; the service's folding keeps it, as FTS5's does.
        await Publish(Article("Un projet", "Le cœur du projet est la chaufferie."));

        var html = Assert.Single(await Items("?q=coeur")).GetProperty("snippet").GetProperty("html").GetString()!;

        Assert.Contains("<mark>cœur</mark>", html);
    }
}

/// <summary>The text of every command the service's contexts send, for the tests that count them.</summary>
internal sealed class CommandLog : DbCommandInterceptor
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _texts = new();

    public IReadOnlyList<string> Texts => [.. _texts];

    public void Clear() => _texts.Clear();

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        _texts.Enqueue(command.CommandText);
        return ValueTask.FromResult(result);
    }
}
