using CircularPlatform.Knowledge.Infrastructure.Search;

namespace CircularPlatform.Knowledge.Tests;

/// <summary>How the service marks a search's words in an article's texts, whatever the engine's rules for a word.</summary>
public sealed class WordMarkerTests
{
    private const char S = ArticleSearch.MatchStart;
    private const char E = ArticleSearch.MatchEnd;

    /// <summary>A word matches when it is one of these, folded: the engines' stemming is theirs, tested with them.</summary>
    private sealed class Words(params string[] words) : WordMarker(words)
    {
        protected override bool Matches(string folded, string language) => words.Contains(folded);
    }

    [Fact]
    public void A_short_text_comes_back_whole_with_each_match_marked_whatever_its_case_and_accents()
    {
        Assert.Equal($"L'{S}Énergie{E} et l'{S}energie{E}.", new Words("energie").MarkText("L'Énergie et l'energie.", "fr"));
        Assert.Null(new Words("compost").MarkText("Rien ici.", "fr"));
    }

    [Fact]
    public void A_long_text_is_cut_to_the_words_around_the_first_match()
    {
        var text = string.Join(' ', Enumerable.Range(1, 100).Select(i => $"w{i}"));

        var marked = new Words("w50", "w60", "w90").MarkText(text, "fr")!;

        var words = marked.Trim('…').Split(' ');
        Assert.Equal(WordMarker.SnippetWords, words.Length);
        Assert.Equal("w44", words[0]);
        Assert.Equal($"{S}w50{E}", words[6]);
        Assert.Equal($"{S}w60{E}", words[16]);
        Assert.DoesNotContain("w90", marked);
        Assert.StartsWith("…", marked);
        Assert.EndsWith("…", marked);
    }

    [Fact]
    public void The_markdown_is_left_out_before_the_text_is_cut_so_no_link_is_cut_in_half()
    {
        var text = "## Le site\n\nVoir [le **méthaniseur**](https://example.org/un/long/chemin) de Liévin.";

        Assert.Equal($"Le site Voir le {S}méthaniseur{E} de Liévin.", new Words("methaniseur").MarkText(text, "fr"));
    }

    [Fact]
    public void The_text_shown_is_the_first_that_holds_the_words_body_summary_title_in_the_readers_language_first()
    {
        var id = Guid.NewGuid();
        var texts = new ArticleHighlights(id, "Le compost", "Compost", "Résumé", "Compost summary", "Corps sans le mot", "The compost body");
        var marker = new Words("compost");

        Assert.Equal(new ArticleHighlights(id, null, null, null, null, null, $"The {S}compost{E} body"), marker.Mark(texts, english: true));
        Assert.Equal(new ArticleHighlights(id, $"Le {S}compost{E}", null, null, null, null, null), marker.Mark(texts, english: false));
        Assert.Equal(
            new ArticleHighlights(id, null, null, null, $"{S}Compost{E} summary", null, null),
            marker.Mark(texts with { TitleFr = "Le titre", BodyEn = null }, english: false));
        Assert.Null(marker.Mark(new ArticleHighlights(id, "Titre", null, null, null, "Corps", null), english: true));
    }
}
