using System.Globalization;
using System.Text;

namespace CircularPlatform.Contracts;

/// <summary>
/// Text as the club's searches compare it: lower case, without accents or ligatures, punctuation
/// as spaces ("Éleu-dit-Leauwette", "eleu dit leauwette" and "ELEU DIT LEAUWETTE" are one key;
/// "œuvre" is "oeuvre"). Used for the municipalities' names and for searching events.
/// </summary>
public static class SearchKey
{
    public static string Of(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var key = new StringBuilder(decomposed.Length);
        var space = true;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            if (!char.IsLetterOrDigit(c))
            {
                if (!space)
                {
                    key.Append(' ');
                    space = true;
                }
                continue;
            }
            space = false;
            _ = char.ToLowerInvariant(c) switch
            {
                'œ' => key.Append("oe"),
                'æ' => key.Append("ae"),
                'ß' => key.Append("ss"),
                var lower => key.Append(lower),
            };
        }
        return key.ToString().TrimEnd();
    }
}
