using System.Text;
using CircularPlatform.Knowledge.Infrastructure.Search;
using CircularPlatform.ServiceDefaults.Http;

namespace CircularPlatform.Knowledge.Apis;

/// <summary>
/// Where a search found its words in an article: a few words of context in the language they were
/// found in, as HTML whose only markup is <c>&lt;mark&gt;</c> around the matched words. Everything
/// else is the article's text, escaped, so nothing an author wrote can become markup.
/// </summary>
public sealed record SearchSnippet(string Language, string Html)
{
    /// <summary>
    /// The body where the words were found, else the summary, else the title (already shown above
    /// the snippet), in the item's language first, then in the other; null when no text shows them.
    /// </summary>
    public static SearchSnippet? Pick(ArticleHighlights? found, string language)
    {
        if (found is null)
        {
            return null;
        }
        (string Language, string? Text)[] french = [(ReaderLanguage.French, found.BodyFr), (ReaderLanguage.French, found.SummaryFr), (ReaderLanguage.French, found.TitleFr)];
        (string Language, string? Text)[] english = [(ReaderLanguage.English, found.BodyEn), (ReaderLanguage.English, found.SummaryEn), (ReaderLanguage.English, found.TitleEn)];
        var candidates = language == ReaderLanguage.English ? english.Concat(french) : french.Concat(english);
        foreach (var (candidateLanguage, text) in candidates)
        {
            if (text is not null && text.Contains(ArticleSearch.MatchStart))
            {
                return new SearchSnippet(candidateLanguage, Render(text));
            }
        }
        return null;
    }

    /// <summary>
    /// A highlighted text to safe HTML: the Markdown's markup left out (the reader wants the words),
    /// everything escaped, the engine's marks turned into <c>&lt;mark&gt;</c>, always closed.
    /// </summary>
    public static string Render(string highlighted)
    {
        var text = MarkdownText.Plain(highlighted);

        var html = new StringBuilder(text.Length + 32);
        var open = false;
        foreach (var c in text)
        {
            switch (c)
            {
                case ArticleSearch.MatchStart when !open:
                    html.Append("<mark>");
                    open = true;
                    break;
                case ArticleSearch.MatchEnd when open:
                    html.Append("</mark>");
                    open = false;
                    break;
                case ArticleSearch.MatchStart or ArticleSearch.MatchEnd:
                    break;
                case '&':
                    html.Append("&amp;");
                    break;
                case '<':
                    html.Append("&lt;");
                    break;
                case '>':
                    html.Append("&gt;");
                    break;
                case '"':
                    html.Append("&quot;");
                    break;
                case '\'':
                    html.Append("&#39;");
                    break;
                default:
                    html.Append(c);
                    break;
            }
        }
        if (open)
        {
            html.Append("</mark>");
        }
        return html.ToString();
    }
}
