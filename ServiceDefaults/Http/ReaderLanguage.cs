using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace CircularPlatform.ServiceDefaults.Http;

/// <summary>
/// The club writes in French and, where someone translated it, in English. A reader asks with
/// <c>?lang=</c> or <c>Accept-Language</c>; French is the fallback, and the answer says which
/// language it gave and whether that was a fallback.
/// </summary>
public static class ReaderLanguage
{
    public const string French = "fr";
    public const string English = "en";

    /// <summary>The language the reader asked for: <c>lang</c> first, then Accept-Language by preference, else French.</summary>
    public static string Requested(HttpRequest request, string? lang)
    {
        if (Known(lang) is { } named)
        {
            return named;
        }
        if (StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptLanguage, out var ranges))
        {
            foreach (var range in ranges.Where(r => r.Quality is not 0).OrderByDescending(r => r.Quality ?? 1))
            {
                if (Known(range.Value.Value) is { } accepted)
                {
                    return accepted;
                }
            }
        }
        return French;
    }

    /// <summary>Whether <paramref name="lang"/> can be asked for (null or empty: not asked).</summary>
    public static bool IsValid(string? lang) => string.IsNullOrWhiteSpace(lang) || Known(lang) is not null;

    public const string Reason = "Use fr or en.";

    /// <summary>The text in the requested language if there is one, else the French.</summary>
    public static Localized<T> Pick<T>(string requested, T french, T? english) where T : class =>
        requested == English && english is not null
            ? new Localized<T>(English, false, english)
            : new Localized<T>(French, requested != French, french);

    private static string? Known(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag))
        {
            return null;
        }
        var primary = tag.Trim().Split('-', 2)[0];
        return primary.Equals(French, StringComparison.OrdinalIgnoreCase) ? French
            : primary.Equals(English, StringComparison.OrdinalIgnoreCase) ? English
            : null;
    }
}

/// <summary>A text as given to a reader: its language, and whether it stands in for the one they asked for.</summary>
public sealed record Localized<T>(string Language, bool Fallback, T Value);
