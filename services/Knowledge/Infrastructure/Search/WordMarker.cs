using System.Globalization;
using System.Text;
using Lucene.Net.Tartarus.Snowball;

namespace CircularPlatform.Knowledge.Infrastructure.Search;

/// <summary>
/// Marks a search's words in an article's texts in the service, by the rules of the engine's index:
/// the same stemmers (Snowball's Porter for SQLite's <c>porter</c> tokeniser, Snowball's French and
/// English for PostgreSQL's <c>french_stem</c> and <c>english_stem</c>), the same folding of case and
/// accents. Asking the engine instead (FTS5's <c>snippet</c>, <c>ts_headline</c>) re-reads and splits
/// every text of a page into words inside the database: most of a search's cost (docs/adr/0022).
/// </summary>
/// <remarks>
/// Only the words around the first match are looked at closely: a word is stemmed only when it
/// starts as a searched word or stem does (a stem keeps its word's first letters), so a text costs
/// little more than one pass over its characters. Where these rules and the engine's still differ
/// (a rare word), no text of the article shows a mark, and the engine marks that article itself.
/// </remarks>
public abstract class WordMarker
{
    /// <summary>Words of a snippet, and how many of them come before its first match: as the engines' snippets had.</summary>
    public const int SnippetWords = 24;
    private const int WordsBefore = 6;

    /// <summary>The longest word the stemmers are handed; longer ones are kept whole, as FTS5's Porter does.</summary>
    private const int LongestStemmed = 64;

    private readonly string[] _starts;
    private char[] _word = new char[32];

    /// <param name="targets">What a searched word may become once folded and stemmed: their first letters are the cheap first check.</param>
    protected WordMarker(IEnumerable<string> targets) =>
        _starts = [.. targets.Where(t => t.Length > 0).Select(t => t[..Math.Min(3, Math.Max(1, t.Length - 1))]).Distinct(StringComparer.Ordinal)];

    /// <summary>Whether a word of a text in <paramref name="language"/> ("fr", "en"), folded (see <see cref="Fold"/>), is one the search found.</summary>
    protected abstract bool Matches(string folded, string language);

    /// <summary>
    /// An article's texts with the search's words marked in the first text that shows them, body,
    /// summary, title, in the reader's language first (<paramref name="english"/>), then in the
    /// other: that text as plain words, cut to a few dozen around its first match; the others null.
    /// Null when no text shows them.
    /// </summary>
    public ArticleHighlights? Mark(ArticleHighlights texts, bool english)
    {
        var none = new ArticleHighlights(texts.ArticleId, null, null, null, null, null, null);
        (string? Text, string Language, Func<string, ArticleHighlights> Shown)[] french =
        [
            (texts.BodyFr, "fr", m => none with { BodyFr = m }),
            (texts.SummaryFr, "fr", m => none with { SummaryFr = m }),
            (texts.TitleFr, "fr", m => none with { TitleFr = m }),
        ];
        (string? Text, string Language, Func<string, ArticleHighlights> Shown)[] inEnglish =
        [
            (texts.BodyEn, "en", m => none with { BodyEn = m }),
            (texts.SummaryEn, "en", m => none with { SummaryEn = m }),
            (texts.TitleEn, "en", m => none with { TitleEn = m }),
        ];
        foreach (var (text, language, shown) in english ? inEnglish.Concat(french) : french.Concat(inEnglish))
        {
            if (text is not null && MarkText(text, language) is { } marked)
            {
                return shown(marked);
            }
        }
        return null;
    }

    /// <summary>
    /// A text (Markdown) as plain words, at most <see cref="SnippetWords"/> of them around the first
    /// match, each matched word between <see cref="ArticleSearch.MatchStart"/> and
    /// <see cref="ArticleSearch.MatchEnd"/>, "…" where it was cut; null when no word matches.
    /// </summary>
    public string? MarkText(string markdown, string language)
    {
        var text = MarkdownText.Plain(markdown);
        var words = new List<(int Start, int End)>();
        var first = -1;
        for (var i = 0; i < text.Length;)
        {
            if (!SearchTerms.IsWordCharacter(text[i]))
            {
                i++;
                continue;
            }
            var start = i;
            while (i < text.Length && SearchTerms.IsWordCharacter(text[i]))
            {
                i++;
            }
            words.Add((start, i));
            if (first < 0 && IsMatch(text, start, i, language))
            {
                first = words.Count - 1;
            }
            if (first >= 0 && words.Count >= first + SnippetWords)
            {
                break;
            }
        }
        if (first < 0)
        {
            return null;
        }
        var from = Math.Max(0, first - WordsBefore);
        var to = Math.Min(words.Count, from + SnippetWords);
        var cutAfter = to < words.Count || words[to - 1].End < text.Length && text.AsSpan(words[to - 1].End).ContainsAnyExcept(Trailing);
        var marked = new StringBuilder(text.Length < 400 ? text.Length + 16 : 400);
        if (from > 0)
        {
            marked.Append('…');
        }
        var at = from > 0 ? words[from].Start : 0;
        for (var w = from; w < to; w++)
        {
            var (start, end) = words[w];
            marked.Append(text, at, start - at);
            if (w == first || w > first && IsMatch(text, start, end, language))
            {
                marked.Append(ArticleSearch.MatchStart).Append(text, start, end - start).Append(ArticleSearch.MatchEnd);
            }
            else
            {
                marked.Append(text, start, end - start);
            }
            at = end;
        }
        if (cutAfter)
        {
            marked.Append('…');
        }
        else
        {
            marked.Append(text, at, text.Length - at);
        }
        return marked.ToString();
    }

    /// <summary>What may follow a text's last word without its being cut: closing punctuation.</summary>
    private static readonly System.Buffers.SearchValues<char> Trailing = System.Buffers.SearchValues.Create(" .!?…)»\"'");

    private bool IsMatch(string text, int start, int end, string language)
    {
        var length = Fold(text.AsSpan(start, end - start), ref _word);
        var folded = _word.AsSpan(0, length);
        foreach (var s in _starts)
        {
            if (folded.StartsWith(s, StringComparison.Ordinal))
            {
                return Matches(new string(folded), language);
            }
        }
        return false;
    }

    /// <summary>
    /// A word as both engines compare it: lower case, accents off (FTS5's <c>remove_diacritics 2</c>,
    /// PostgreSQL's <c>unaccent</c>), into <paramref name="buffer"/>; its length.
    /// </summary>
    private static int Fold(ReadOnlySpan<char> word, ref char[] buffer)
    {
        if (buffer.Length < word.Length * 2)
        {
            buffer = new char[word.Length * 2];
        }
        var length = 0;
        foreach (var c in word)
        {
            if (c < 128)
            {
                buffer[length++] = c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
                continue;
            }
            foreach (var f in Folded(c))
            {
                if (length == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }
                buffer[length++] = f;
            }
        }
        return length;
    }

    /// <summary>A word folded (see <see cref="Fold(ReadOnlySpan{char}, ref char[])"/>).</summary>
    public static string Fold(string word)
    {
        var buffer = new char[Math.Max(8, word.Length * 2)];
        var length = Fold(word, ref buffer);
        return new string(buffer, 0, length);
    }

    /// <summary>Latin letters with accents, folded once: the texts are French and English.</summary>
    private static readonly string[] Latin = [.. Enumerable.Range(0, 0x250).Select(c => FoldSlowly((char)c))];

    private static string Folded(char c) => c < Latin.Length ? Latin[c] : FoldSlowly(c);

    private static string FoldSlowly(char c)
    {
        var decomposed = char.ToLowerInvariant(c).ToString().Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var d in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(d) is not (UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark))
            {
                folded.Append(d);
            }
        }
        return folded.ToString();
    }

    /// <summary>A folded word through a Snowball stemmer, as the engines stem it; words too long are kept whole.</summary>
    protected static string Stem(SnowballProgram stemmer, string folded)
    {
        if (folded.Length > LongestStemmed)
        {
            return folded;
        }
        stemmer.SetCurrent(folded);
        stemmer.Stem();
        return stemmer.Current;
    }
}
