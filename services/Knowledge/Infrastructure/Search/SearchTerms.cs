using System.Globalization;

namespace CircularPlatform.Knowledge.Infrastructure.Search;

/// <summary>
/// The words of a reader's search, and nothing else: letters and digits, in the order typed. Both
/// engines have a query language of their own (FTS5's quotes, stars, NEAR, AND/OR; tsquery's
/// <c>&amp; | ! : *</c>), and a reader's text is never handed to it: each word is passed as a
/// parameter and quoted by the engine's own means, so no input can be a syntax error.
/// </summary>
public sealed class SearchTerms
{
    /// <summary>Every word must be found: past a few, a search finds nothing and only costs more.</summary>
    public const int MaxWords = 10;

    private SearchTerms(IReadOnlyList<string> words) => Words = words;

    /// <summary>Distinct words of two characters or more, lower case. One letter alone is an elision (l', d', qu') or noise.</summary>
    public IReadOnlyList<string> Words { get; }

    public static SearchTerms Of(string text)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && IsWordCharacter(text[i]))
            {
                if (start < 0)
                {
                    start = i;
                }
                continue;
            }
            if (start >= 0 && i - start >= 2)
            {
                var word = text[start..i].ToLowerInvariant();
                if (!words.Contains(word))
                {
                    words.Add(word);
                }
            }
            start = -1;
        }
        return new SearchTerms(words);
    }

    /// <summary>Letters, digits and the accents that may follow a letter (a decomposed "é"); punctuation, symbols and emoji separate words.</summary>
    internal static bool IsWordCharacter(char c) =>
        char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
}
