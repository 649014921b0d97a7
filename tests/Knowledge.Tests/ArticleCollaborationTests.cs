using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CircularPlatform.Contracts;
using CircularPlatform.Contracts.IntegrationEvents;
using CircularPlatform.TestSupport;
using MassTransit;

namespace CircularPlatform.Knowledge.Tests;

/// <summary>Translations, comparing revisions, the event-to-knowledge loop, and authors who sign or are forgotten.</summary>
public abstract partial class ArticlesApiTests
{
    [Fact]
    public async Task The_English_is_done_when_written_pending_when_the_French_moves_on_and_missing_when_absent()
    {
        var (bilingual, etag) = await Draft(Composting);
        var (french, _) = await Draft(FrenchOnly);
        Assert.Equal(("done", "done"), await Translations(bilingual));
        Assert.Equal(("done", "missing"), await Translations(french));

        // The French changes, the English stays as it was: it is now behind.
        var frenchMoved = await Put(_author, bilingual, Composting.Replace("en mars", "en avril"), etag);
        Assert.Equal(HttpStatusCode.OK, frenchMoved.StatusCode);
        Assert.Equal(("done", "pending"), await Translations(bilingual));

        // The English catches up.
        var caughtUp = await Put(_author, bilingual, Composting.Replace("en mars", "en avril").Replace("in March", "in April"), frenchMoved.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, caughtUp.StatusCode);
        Assert.Equal(("done", "done"), await Translations(bilingual));

        // A typo fixed in French, the author says the English still says the same.
        var typo = Composting.Replace("en mars", "en avril").Replace("in March", "in April").Replace("cantine\"", "cantine \"")
            .Replace("\"summary\":{\"fr\":\"Retour d'expérience à Liévin.\"", "\"summary\":{\"fr\":\"Retour d’expérience à Liévin.\"");
        var checkedByAuthor = await Put(_author, bilingual, typo.Replace("\"kind\":\"feedback\"", "\"kind\":\"feedback\",\"translations\":{\"en\":\"done\"}"), caughtUp.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, checkedByAuthor.StatusCode);
        Assert.Equal(("done", "done"), await Translations(bilingual));
    }

    [Fact]
    public async Task A_translation_asked_for_stays_pending_until_the_English_comes()
    {
        var asked = FrenchOnly.Replace("\"kind\":\"guide\"", "\"kind\":\"guide\",\"translations\":{\"en\":\"pending\"}");
        var response = await _author.PostAsync("/api/knowledge/articles", Json(asked));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(("done", "pending"), await Translations(id));

        var again = await Put(_author, id, FrenchOnly.Replace("Un guide", "Le guide"), response.Headers.ETag);
        Assert.Equal(("done", "pending"), await Translations(id));

        var english = FrenchOnly.Replace("\"title\":{\"fr\":\"Protéger la nappe\"}", "\"title\":{\"fr\":\"Protéger la nappe\",\"en\":\"Protecting the groundwater\"}")
            .Replace("\"body\":{\"fr\":\"Un guide en français.\"}", "\"body\":{\"fr\":\"Le guide en français.\",\"en\":\"The guide in English.\"}");
        Assert.Equal(HttpStatusCode.OK, (await Put(_author, id, english, again.Headers.ETag)).StatusCode);
        Assert.Equal(("done", "done"), await Translations(id));
    }

    [Theory]
    [InlineData("{\"en\":\"done\"}", false)]
    [InlineData("{\"en\":\"missing\"}", true)]
    [InlineData("{\"en\":\"translated\"}", true)]
    [InlineData("{\"en\":\"1\"}", true)]
    public async Task A_translation_status_that_contradicts_the_text_is_refused(string translations, bool bilingual)
    {
        var json = (bilingual ? Composting : FrenchOnly).Replace("{\"kind\":", $"{{\"translations\":{translations},\"kind\":");

        var response = await _author.PostAsync("/api/knowledge/articles", Json(json));

        Assert.Equal(["translations.en"], (await ValidationErrorsOf(response)).Keys);
    }

    [Fact]
    public async Task Two_revisions_compare_field_by_field_and_line_by_line()
    {
        var (id, etag) = await Draft(Composting);
        var longer = Composting.Replace("en mars.", "en mars.\\n\\nUn\\n\\nDeux\\n\\nTrois\\n\\nQuatre\\n\\nFin.");
        var second = await Put(_author, id, longer, etag);
        Assert.Equal(HttpStatusCode.OK, (await Post(_author, id, "submit")).StatusCode);
        // Revised by an organiser after a rejection: the third revision changes the last line and a theme.
        Assert.Equal(HttpStatusCode.OK, (await _organiser.PostAsJsonAsync($"/api/knowledge/articles/{id}/reject", new { comment = "Précisez la fin." })).StatusCode);
        var current = (await _author.GetAsync($"/api/knowledge/articles/{id}")).Headers.ETag;
        var third = await Put(_author, id, longer.Replace("Fin.", "La suite en juin.").Replace("\"local-food\"", "\"water\""), current);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);

        // By default: the last revision against the one saved before it (the review's moves saved none).
        var diff = await _author.GetFromJsonAsync<JsonElement>($"/api/knowledge/articles/{id}/revisions/diff");
        Assert.Equal(2, diff.GetProperty("from").GetProperty("number").GetInt32());
        Assert.Equal(third.Headers.ETag!.Tag.Trim('"'), diff.GetProperty("to").GetProperty("number").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture));
        var changes = diff.GetProperty("changes").EnumerateArray().ToDictionary(c => c.GetProperty("field").GetString()!);
        Assert.Equal(["body.fr", "themes"], changes.Keys.Order());
        Assert.Equal("bio-waste, local-food", changes["themes"].GetProperty("before").GetString());
        Assert.Equal("bio-waste, water", changes["themes"].GetProperty("after").GetString());
        var lines = changes["body.fr"].GetProperty("lines").EnumerateArray()
            .Select(l => (l.GetProperty("change").GetString(), l.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null))
            .ToList();
        Assert.Contains(("removed", "Fin."), lines);
        Assert.Contains(("added", "La suite en juin."), lines);
        // The unchanged beginning, far from the change, is folded away.
        Assert.Equal("skipped", lines[0].Item1);
        Assert.DoesNotContain(lines, l => l.Item2 == "## Démarrage");

        // Explicitly: the first against the third, and numbers that are no revision.
        var whole = await _author.GetFromJsonAsync<JsonElement>($"/api/knowledge/articles/{id}/revisions/diff?from=1&to={diff.GetProperty("to").GetProperty("number").GetInt32()}");
        Assert.Equal(1, whole.GetProperty("from").GetProperty("number").GetInt32());
        Assert.Equal(["from"], (await ValidationErrorsOf(await _author.GetAsync($"/api/knowledge/articles/{id}/revisions/diff?from=3"))).Keys);
        Assert.Equal(["to"], (await ValidationErrorsOf(await _author.GetAsync($"/api/knowledge/articles/{id}/revisions/diff?to=99"))).Keys);
        Assert.Equal(["from"], (await ValidationErrorsOf(await _author.GetAsync($"/api/knowledge/articles/{id}/revisions/diff?from=0"))).Keys);
        Assert.Equal(HttpStatusCode.OK, (await _organiser.GetAsync($"/api/knowledge/articles/{id}/revisions/diff")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _otherMember.GetAsync($"/api/knowledge/articles/{id}/revisions/diff")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Anonymous.GetAsync($"/api/knowledge/articles/{id}/revisions/diff")).StatusCode);
        _ = second;
    }

    [Fact]
    public async Task A_single_revision_has_nothing_to_compare_with()
    {
        var (id, _) = await Draft(FrenchOnly);

        Assert.Equal(["from"], (await ValidationErrorsOf(await _author.GetAsync($"/api/knowledge/articles/{id}/revisions/diff"))).Keys);
    }

    [Fact]
    public async Task A_member_finds_their_articles_and_organisers_what_waits_for_review()
    {
        var (draft, _) = await Draft(Composting);
        var (submitted, _) = await Draft(FrenchOnly);
        Assert.Equal(HttpStatusCode.OK, (await Post(_author, submitted, "submit")).StatusCode);
        await Draft(FrenchOnly.Replace("Protéger", "Surveiller"));
        var notMine = await _otherMember.PostAsync("/api/knowledge/articles", Json(Composting));
        Assert.Equal(HttpStatusCode.Created, notMine.StatusCode);

        var mine = await _author.GetFromJsonAsync<JsonElement>("/api/knowledge/articles/mine");
        Assert.Equal(3, mine.GetProperty("total").GetInt32());
        var drafts = await _author.GetFromJsonAsync<JsonElement>("/api/knowledge/articles/mine?status=draft");
        Assert.Equal(2, drafts.GetProperty("total").GetInt32());
        Assert.Contains(draft, drafts.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
        Assert.Equal(["status"], (await ValidationErrorsOf(await _author.GetAsync("/api/knowledge/articles/mine?status=lost"))).Keys);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Anonymous.GetAsync("/api/knowledge/articles/mine")).StatusCode);

        var waiting = await _organiser.GetFromJsonAsync<JsonElement>("/api/knowledge/articles/under-review");
        Assert.Equal(submitted, Assert.Single(waiting.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.Forbidden, (await _author.GetAsync("/api/knowledge/articles/under-review")).StatusCode);
    }

    [Fact]
    public async Task An_event_that_took_place_opens_one_feedback_draft_for_its_organisers()
    {
        var coOrganiserId = Guid.NewGuid();
        var coOrganiser = As(Authority.Token("member", subject: coOrganiserId));
        var completed = new EventCompleted
        {
            EventId = Guid.NewGuid(),
            Title = new BilingualText { Fr = "Visite du site de méthanisation", En = "Anaerobic digestion site visit" },
            Kind = "site-visit",
            Themes = ["bio-waste", "not-a-theme"],
            StartsAt = new DateTimeOffset(2030, 3, 3, 8, 0, 0, TimeSpan.Zero),
            Municipality = "Loos-en-Gohelle",
            AttendeeCount = 18,
            ConfirmedCount = 22,
            OrganiserIds = [_authorId, coOrganiserId],
        };

        await Factory.Harness.Bus.Publish(completed);
        // The same fact told again under another message: still one draft.
        await Factory.Harness.Bus.Publish(completed, c => c.MessageId = NewId.NextGuid());

        JsonElement item = default;
        await Wait.UntilAsync(async () =>
        {
            var mine = await _author.GetFromJsonAsync<JsonElement>("/api/knowledge/articles/mine?status=draft");
            item = mine.GetProperty("items").EnumerateArray().FirstOrDefault();
            return mine.GetProperty("total").GetInt32() > 0;
        }, "the feedback draft");
        await Wait.UntilAsync(() => Factory.Harness.Consumed.Select<EventCompleted>().Count() >= 2, "both deliveries consumed");

        var id = item.GetProperty("id").GetGuid();
        var article = await _author.GetFromJsonAsync<JsonElement>($"/api/knowledge/articles/{id}");
        Assert.Equal("feedback", article.GetProperty("kind").GetString());
        Assert.Equal("draft", article.GetProperty("status").GetString());
        Assert.Equal(completed.EventId, article.GetProperty("eventId").GetGuid());
        Assert.Equal(["bio-waste"], article.GetProperty("themes").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(_authorId, article.GetProperty("authorId").GetGuid());
        Assert.Equal([coOrganiserId], article.GetProperty("coAuthorIds").EnumerateArray().Select(c => c.GetGuid()));
        Assert.Equal("Retour d'expérience : Visite du site de méthanisation", article.GetProperty("title").GetProperty("fr").GetString());
        Assert.Equal("Feedback: Anaerobic digestion site visit", article.GetProperty("title").GetProperty("en").GetString());
        var bodyFr = article.GetProperty("body").GetProperty("fr").GetString()!;
        Assert.Contains("18 présents pour 22 inscrits confirmés", bodyFr);
        Assert.Contains("dimanche 3 mars 2030 à 09h00", bodyFr);
        Assert.Contains("Loos\\-en\\-Gohelle", bodyFr);
        Assert.Contains($"(/api/events/{completed.EventId})", bodyFr);
        Assert.Contains("18 attended of 22 confirmed", article.GetProperty("body").GetProperty("en").GetString());
        Assert.Contains("<a href=\"/api/events/", article.GetProperty("text").GetProperty("html").GetString());

        // Both organisers write it; the co-organiser may submit it; nobody else sees it.
        var mineToo = await coOrganiser.GetFromJsonAsync<JsonElement>("/api/knowledge/articles/mine");
        Assert.Equal(id, Assert.Single(mineToo.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        var edited = await Put(coOrganiser, id, Composting, (await coOrganiser.GetAsync($"/api/knowledge/articles/{id}")).Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _otherMember.GetAsync($"/api/knowledge/articles/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Post(coOrganiser, id, "submit")).StatusCode);
        Assert.Equal(1, (await _author.GetFromJsonAsync<JsonElement>("/api/knowledge/articles/mine")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task An_event_without_named_organisers_leaves_its_feedback_draft_to_the_organisers()
    {
        var completed = new EventCompleted { EventId = Guid.NewGuid(), AttendeeCount = 1, ConfirmedCount = 1 };

        await Factory.Harness.Bus.Publish(completed);

        JsonElement item = default;
        await Wait.UntilAsync(async () =>
        {
            var waiting = await _organiser.GetFromJsonAsync<JsonElement>("/api/knowledge/articles/under-review");
            item = waiting.GetProperty("items").EnumerateArray().FirstOrDefault();
            return waiting.GetProperty("total").GetInt32() > 0;
        }, "the unsigned feedback draft waiting for an organiser");
        var id = item.GetProperty("id").GetGuid();
        var article = await _organiser.GetAsync($"/api/knowledge/articles/{id}");
        var json = await article.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("draft", json.GetProperty("status").GetString());
        Assert.True(Absent(json, "authorId"));
        Assert.Equal("Retour d'expérience : Événement du club", json.GetProperty("title").GetProperty("fr").GetString());
        Assert.Equal(["industrial-synergies"], json.GetProperty("themes").EnumerateArray().Select(t => t.GetString()));

        Assert.Equal(HttpStatusCode.NotFound, (await _author.GetAsync($"/api/knowledge/articles/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Put(_organiser, id, Composting, article.Headers.ETag)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Post(_organiser, id, "submit")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Post(_organiser, id, "approve")).StatusCode);
    }

    [Fact]
    public async Task The_author_signs_by_name_and_once_forgotten_the_published_article_stays_unsigned()
    {
        await Factory.Harness.Bus.Publish(new MemberJoined
        {
            MemberId = _authorId, DisplayName = "Camille Martin", Email = "camille@liévin.test", Language = "fr", Role = "member",
            OrganisationId = Guid.Parse("0d6a6d4e-8c1f-4a43-9c1d-3f7c4f2d9a11"),
        });
        var (published, _) = await Draft(Composting);
        await Publish(published);
        var (draft, _) = await Draft(FrenchOnly);
        await Wait.UntilAsync(async () =>
            (await Anonymous.GetFromJsonAsync<JsonElement>($"/api/knowledge/articles/{published}")).GetProperty("author") is { ValueKind: JsonValueKind.Object } author
            && author.TryGetProperty("name", out var name) && name.GetString() == "Camille Martin", "the author's name");

        await Factory.Harness.Bus.Publish(new MemberLeft { MemberId = _authorId, Reason = "erasure", Erased = true });
        // A profile fact that was on its way does not bring the name back.
        await Factory.Harness.Bus.Publish(new MemberProfileChanged
        {
            MemberId = _authorId, DisplayName = "Camille Martin", Email = "camille@liévin.test", Language = "fr",
        });

        await Wait.UntilAsync(async () =>
            (await _organiser.GetAsync($"/api/knowledge/articles/{draft}")).StatusCode == HttpStatusCode.NotFound, "the draft gone with its author");
        await Wait.UntilAsync(() => Factory.Harness.Consumed.Select<MemberProfileChanged>().Any(), "the late profile fact consumed");
        var article = await Anonymous.GetFromJsonAsync<JsonElement>($"/api/knowledge/articles/{published}");
        Assert.True(Absent(article, "authorId"));
        Assert.True(Absent(article, "author"));
        Assert.True(article.GetProperty("authorForgotten").GetBoolean());
        Assert.Equal("published", article.GetProperty("status").GetString());
        Assert.Contains("cantine", article.GetProperty("title").GetProperty("fr").GetString());
        var revisions = await _organiser.GetFromJsonAsync<JsonElement>($"/api/knowledge/articles/{published}/revisions");
        Assert.All(revisions.GetProperty("items").EnumerateArray(), r => Assert.True(Absent(r, "savedBy")));
        Assert.Equal(HttpStatusCode.OK, (await Anonymous.GetAsync("/api/knowledge/articles")).StatusCode);
        Assert.Equal(1, (await Anonymous.GetFromJsonAsync<JsonElement>("/api/knowledge/articles")).GetProperty("total").GetInt32());
    }

    /// <summary>The answers leave out what is null.</summary>
    private static bool Absent(JsonElement json, string property) =>
        !json.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null;

    private async Task<(string? Fr, string? En)> Translations(Guid id)
    {
        var article = await _author.GetFromJsonAsync<JsonElement>($"/api/knowledge/articles/{id}");
        var translations = article.GetProperty("translations");
        return (translations.GetProperty("fr").GetString(), translations.GetProperty("en").GetString());
    }
}
