using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using CircularPlatform.Knowledge.Apis;

namespace CircularPlatform.Knowledge.Tests;

/// <summary>
/// Known cross-site scripting payloads, written in Markdown and in raw HTML: whatever an author
/// writes, the HTML a reader's browser gets runs nothing. Checked on the parsed result, as a
/// browser reads it, not on the text (an escaped tag shown as text is harmless).
/// </summary>
public sealed class ArticleHtmlTests
{
    public static TheoryData<string> MarkdownPayloads => new()
    {
        "[clic](javascript:alert(1))",
        "[clic](JaVaScRiPt:alert(1))",
        "[clic](  javascript:alert(1))",
        "[clic](&#106;avascript:alert(1))",
        "[clic](javascript&#58;alert(1))",
        "[clic](jav\tascript:alert(1))",
        "[clic](vbscript:msgbox(1))",
        "[clic](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "![image](javascript:alert(1))",
        "![image](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "<javascript:alert(1)>",
        "[clic][1]\n\n[1]: javascript:alert(1)",
        "[clic](javascript:alert(1) \"titre\")",
        "[a](https://example.org\" onmouseover=\"alert(1))",
        "![a](https://example.org/x.png\" onerror=\"alert(1))",
        "# Titre <script>alert(1)</script>",
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<a href=\"javascript:alert(1)\">clic</a>",
        "<svg onload=alert(1)>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<p style=\"width: expression(alert(1))\">x</p>",
        "```html\n<script>alert(1)</script>\n```",
    };

    public static TheoryData<string> HtmlPayloads => new()
    {
        "<script>alert(1)</script>",
        "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<img src=\"javascript:alert(1)\">",
        "<a href=\"javascript:alert(1)\">clic</a>",
        "<a href=\"JAVASCRIPT:alert(1)\">clic</a>",
        "<a href=\"jav&#x09;ascript:alert(1)\">clic</a>",
        "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">clic</a>",
        "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">clic</a>",
        "<a href=\"vbscript:msgbox(1)\">clic</a>",
        "<svg onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<iframe srcdoc=\"&lt;script&gt;alert(1)&lt;/script&gt;\"></iframe>",
        "<object data=\"javascript:alert(1)\"></object>",
        "<embed src=\"javascript:alert(1)\">",
        "<form action=\"javascript:alert(1)\"><button>ok</button></form>",
        "<button formaction=\"javascript:alert(1)\">ok</button>",
        "<body onload=alert(1)>",
        "<details open ontoggle=alert(1)>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<p style=\"width: expression(alert(1))\">x</p>",
        "<style>@import 'https://evil.example/x.css'; body { background: url(javascript:alert(1)) }</style>",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<base href=\"javascript:/\">",
        "<link rel=\"stylesheet\" href=\"https://evil.example/x.css\">",
        "<p onclick=\"alert(1)\" onmouseover=\"alert(1)\">x</p>",
        "<img src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\">",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
        "<<script>script>alert(1)<</script>/script>",
    };

    [Theory]
    [MemberData(nameof(MarkdownPayloads))]
    public void Nothing_an_author_writes_in_markdown_runs_in_the_readers_browser(string markdown) =>
        AssertRunsNothing(ArticleHtml.Render(markdown));

    [Theory]
    [MemberData(nameof(HtmlPayloads))]
    public void Raw_html_written_by_an_author_comes_out_as_text(string html) =>
        AssertRunsNothing(ArticleHtml.Render(html));

    [Theory]
    [MemberData(nameof(HtmlPayloads))]
    public void The_sanitiser_alone_removes_every_hostile_construct(string html) =>
        AssertRunsNothing(ArticleHtml.Clean(html));

    [Theory]
    [MemberData(nameof(HtmlPayloads))]
    public void Each_payload_left_as_it_is_would_be_caught(string html) =>
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AssertRunsNothing(html));

    [Fact]
    public void Headings_keep_their_anchors_and_ordinary_markdown_survives()
    {
        var html = ArticleHtml.Render("""
            ## Tri à la source

            Un **retour** d'expérience, voir [le guide](https://club.example.org/guide) et [la section](#tri-à-la-source).

            | Flux | Tonnes |
            |------|-------:|
            | Bois | 12 |
            """);

        var document = Parse(html);
        var heading = Assert.Single(document.QuerySelectorAll("h2"));
        Assert.False(string.IsNullOrEmpty(heading.Id));
        Assert.Equal("Tri à la source", heading.TextContent);
        Assert.Equal("https://club.example.org/guide", document.QuerySelector("a")!.GetAttribute("href"));
        Assert.NotNull(document.QuerySelector("strong"));
        Assert.NotNull(document.QuerySelector("table td"));
    }

    [Fact]
    public void Raw_html_is_shown_to_the_reader_as_the_author_typed_it()
    {
        var document = Parse(ArticleHtml.Render("Voir <b onclick=\"x()\">ceci</b>"));

        Assert.Null(document.QuerySelector("b"));
        Assert.Contains("<b onclick=\"x()\">ceci</b>", document.Body!.TextContent);
    }

    private static readonly string[] UrlAttributes = ["href", "src", "action", "formaction", "xlink:href", "data", "srcdoc", "background", "poster"];
    private static readonly string[] Forbidden = ["script", "iframe", "object", "embed", "svg", "math", "style", "link", "meta", "base", "form", "button", "body", "noscript", "details"];

    private static void AssertRunsNothing(string html)
    {
        var fragment = Parse(html).Body!;
        // The body itself too: a parser moves a second <body>'s attributes onto it.
        foreach (var element in fragment.Descendants<IElement>().Prepend(fragment))
        {
            if (element != fragment)
            {
                Assert.DoesNotContain(element.LocalName, Forbidden);
            }
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"handler {attribute.Name} in {html}");
                Assert.NotEqual("style", attribute.Name);
                if (UrlAttributes.Contains(attribute.Name))
                {
                    var scheme = new string(attribute.Value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray()).ToLowerInvariant();
                    Assert.False(scheme.StartsWith("javascript:", StringComparison.Ordinal) || scheme.StartsWith("vbscript:", StringComparison.Ordinal)
                        || scheme.StartsWith("data:", StringComparison.Ordinal), $"{attribute.Name}={attribute.Value} in {html}");
                }
            }
        }
    }

    private static IDocument Parse(string html) => new HtmlParser().ParseDocument("<!doctype html><html><body>" + html + "</body></html>");
}
