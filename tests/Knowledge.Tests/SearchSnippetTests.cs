using CircularPlatform.Knowledge.Apis;
using CircularPlatform.Knowledge.Infrastructure.Search;

namespace CircularPlatform.Knowledge.Tests;

public sealed class SearchSnippetTests
{
    // ArticleSearch.MatchStart and MatchEnd, as strings so that test data can be constant.
    private const string S = "\uE000";
    private const string E = "\uE001";

    [Theory]
    [InlineData($"Le {S}compost{E} & <b>\"les\"</b> 'vers'", "Le <mark>compost</mark> &amp; &lt;b&gt;&quot;les&quot;&lt;/b&gt; &#39;vers&#39;")]
    [InlineData($"## Titre\n\n**{S}Énergie{E}** de [Liévin](https://example.org/x) `code`", "Titre <mark>Énergie</mark> de Liévin code")]
    [InlineData($"> une citation sur l'{S}eau{E}\n> suite", "une citation sur l&#39;<mark>eau</mark> suite")]
    [InlineData($"![un schéma](schema.png) {S}méthanisation", "un schéma <mark>méthanisation</mark>")]
    [InlineData($"{E}orphelin{S}{S}double{E}{E}", "orphelin<mark>double</mark>")]
    [InlineData($"…voir [le guide](https://example.org/{S}recyclage{E}", "…voir le guide")]
    public void A_highlighted_text_becomes_escaped_html_with_only_its_marks_as_markup(string highlighted, string html)
    {
        Assert.Equal(html, SearchSnippet.Render(highlighted));
    }

    [Fact]
    public void The_snippet_is_taken_in_the_items_language_where_the_words_are_found_there()
    {
        var found = new ArticleHighlights(Guid.NewGuid(), "Titre", "Title", null, null, $"Le {S}compost{E}", $"The {S}compost{E}");

        Assert.Equal(new SearchSnippet("en", "The <mark>compost</mark>"), SearchSnippet.Pick(found, "en"));
        Assert.Equal(new SearchSnippet("fr", "Le <mark>compost</mark>"), SearchSnippet.Pick(found, "fr"));
        Assert.Equal(new SearchSnippet("fr", "Le <mark>compost</mark>"), SearchSnippet.Pick(found with { BodyEn = "The bins" }, "en"));
        Assert.Equal(new SearchSnippet("en", "<mark>Title</mark>"), SearchSnippet.Pick(found with { BodyFr = "Le bac", BodyEn = "The bins", TitleEn = $"{S}Title{E}" }, "fr"));
        Assert.Null(SearchSnippet.Pick(found with { BodyFr = "Le bac", BodyEn = "The bins" }, "fr"));
        Assert.Null(SearchSnippet.Pick(null, "fr"));
    }
}

public sealed class SearchTermsTests
{
    [Theory]
    [InlineData("énergie", new[] { "énergie" })]
    [InlineData("  l'ÉNERGIE  d'une   usine ", new[] { "énergie", "une", "usine" })]
    [InlineData("\"NEAR(x, y)\" OR title_fr:*co2*", new[] { "near", "or", "title", "fr", "co2" })]
    [InlineData("énergie Énergie ENERGIE", new[] { "énergie", "energie" })]
    [InlineData("😀 & | ! : * - ' \" ( ) ^ < >", new string[0])]
    [InlineData("e\u0301nergie", new[] { "e\u0301nergie" })]
    public void Only_words_of_letters_and_digits_are_searched(string q, string[] words)
    {
        Assert.Equal(words, SearchTerms.Of(q).Words);
    }
}
