using Ganss.Xss;
using Markdig;

namespace CircularPlatform.Knowledge.Apis;

/// <summary>
/// An article's Markdown as the HTML a page shows. Two walls: Markdig renders with raw HTML turned
/// off (an author's tags come out as text), and HtmlSanitizer then keeps only the elements
/// Markdown makes, and removes whatever could still run — a <c>javascript:</c> or <c>data:</c>
/// link, which Markdown itself can write, an event handler, a style. Headings keep the ids Markdig
/// gives them, so a page can link to a section.
/// </summary>
public static class ArticleHtml
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseAutoIdentifiers(Markdig.Extensions.AutoIdentifiers.AutoIdentifierOptions.GitHub)
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .Build();

    private static readonly string[] Tags =
    [
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "a", "img", "ul", "ol", "li", "blockquote", "pre", "code",
        "em", "strong", "del", "ins", "mark", "sub", "sup", "hr", "br",
        "table", "thead", "tbody", "tr", "th", "td",
    ];

    private static readonly string[] Attributes = ["id", "href", "src", "alt", "title", "start", "colspan", "rowspan"];

    public static string Render(string markdown) => Clean(Markdown.ToHtml(markdown, Pipeline));

    /// <summary>HTML reduced to what Markdown makes, with nothing that runs.</summary>
    public static string Clean(string html) => Sanitizer().Sanitize(html);

    // A new one each time: cheap, and no configuration is shared between threads.
    private static HtmlSanitizer Sanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedTags.Clear();
        sanitizer.AllowedTags.UnionWith(Tags);
        sanitizer.AllowedAttributes.Clear();
        sanitizer.AllowedAttributes.UnionWith(Attributes);
        // No styles at all: nothing of the page's look is the author's to change.
        sanitizer.AllowedCssProperties.Clear();
        sanitizer.AllowedAtRules.Clear();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.UnionWith(["https", "http", "mailto"]);
        return sanitizer;
    }
}
