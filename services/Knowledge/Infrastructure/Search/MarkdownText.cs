using System.Text.RegularExpressions;

namespace CircularPlatform.Knowledge.Infrastructure.Search;

/// <summary>An article's Markdown as the words a reader reads: what a snippet shows.</summary>
public static partial class MarkdownText
{
    /// <summary>The Markdown's markup left out (link addresses, heading and quote marks, emphasis, code, table bars), white space collapsed; characters of the private use area (marks of matched words) kept.</summary>
    public static string Plain(string markdown)
    {
        var text = LinkTarget().Replace(markdown, string.Empty);
        text = HeadingOrQuote().Replace(text, " ");
        text = Markup().Replace(text, string.Empty);
        return Whitespace().Replace(text, " ").Trim();
    }

    /// <summary>A link's or an image's address, <c>](https://…)</c>, perhaps cut off by the snippet's end.</summary>
    [GeneratedRegex(@"\]\([^)\s]*\)?")]
    private static partial Regex LinkTarget();

    /// <summary>A heading's hashes or a quotation's bracket at the start of a line.</summary>
    [GeneratedRegex(@"(?m)^[ \t]*(#{1,6}|>+)[ \t]")]
    private static partial Regex HeadingOrQuote();

    /// <summary>Emphasis, code, strike-through, the brackets of a link or an image, table bars.</summary>
    [GeneratedRegex(@"[*_`~\[\]|]+|!(?=\[)")]
    private static partial Regex Markup();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
