using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace CircularPlatform.ServiceDefaults.Http;

/// <summary>
/// Optimistic concurrency over HTTP (RFC 9110, 13.1): a resource's answer carries its version as
/// a strong ETag; a change must send it back in <c>If-Match</c>. A change made without it is
/// refused with 428 (the client would overwrite what it has not seen), one made from an older
/// version with 412.
/// </summary>
public static class EntityTags
{
    public enum Precondition
    {
        Met,
        Missing,
        Stale,
    }

    public static string For(int version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    public static void Set(HttpResponse response, int version) => response.Headers.ETag = For(version);

    public static Precondition Check(HttpRequest request, int current)
    {
        var header = request.Headers.IfMatch;
        if (header.Count == 0)
        {
            return Precondition.Missing;
        }
        if (!EntityTagHeaderValue.TryParseList(header, out var tags))
        {
            return Precondition.Stale;
        }
        var expected = new EntityTagHeaderValue(For(current));
        // A weak tag never matches for a change (strong comparison, RFC 9110, 8.8.3.2).
        return tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(expected, useStrongComparison: true))
            ? Precondition.Met
            : Precondition.Stale;
    }

    /// <summary>The problem that answers an unmet precondition, or null when it is met.</summary>
    public static IResult? Refusal(Precondition precondition, string what) => precondition switch
    {
        Precondition.Missing => Results.Problem(
            title: "If-Match is required.",
            detail: $"Send the ETag of the {what} you changed in If-Match, so that a change made meanwhile is not overwritten.",
            statusCode: StatusCodes.Status428PreconditionRequired),
        Precondition.Stale => Results.Problem(
            title: $"The {what} was changed meanwhile.",
            detail: $"Read the {what} again (its ETag has changed), apply your change to it and send it with the new ETag.",
            statusCode: StatusCodes.Status412PreconditionFailed),
        _ => null,
    };
}
