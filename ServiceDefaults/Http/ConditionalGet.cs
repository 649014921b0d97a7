using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace CircularPlatform.ServiceDefaults.Http;

/// <summary>
/// Conditional GET (RFC 9110, 13.1.3 and 13.1.4): a client that polls — a calendar application
/// every few minutes — sends back the validators it got, and is answered 304 with no body while
/// nothing changed. If-None-Match wins over If-Modified-Since when both are sent.
/// </summary>
public static class ConditionalGet
{
    /// <summary>Sets the validators on the answer and says whether the client's copy is still current.</summary>
    public static bool Unchanged(HttpContext http, string etag, DateTime lastModifiedUtc)
    {
        var request = http.Request;
        var lastModified = new DateTimeOffset(DateTime.SpecifyKind(lastModifiedUtc, DateTimeKind.Utc));
        // HTTP dates have whole seconds: compare what the client could have been told.
        lastModified = lastModified.AddTicks(-(lastModified.Ticks % TimeSpan.TicksPerSecond));
        http.Response.Headers.ETag = etag;
        http.Response.Headers.LastModified = lastModified.ToString("R", CultureInfo.InvariantCulture);

        var ifNoneMatch = request.Headers.IfNoneMatch;
        if (ifNoneMatch.Count > 0)
        {
            var current = new EntityTagHeaderValue(etag);
            return EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags)
                // Weak comparison for GET (RFC 9110, 13.1.2).
                && tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(current, useStrongComparison: false));
        }
        return DateTimeOffset.TryParse(request.Headers.IfModifiedSince, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since)
            && lastModified <= since;
    }
}
