using System.Linq.Expressions;
using CircularPlatform.Contracts;
using CircularPlatform.Events.Model;

namespace CircularPlatform.Events.Apis;

public sealed record EventResponse(
    Guid Id,
    BilingualText Title,
    BilingualText? Description,
    string Kind,
    IReadOnlyList<string> Themes,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string? Municipality,
    string? Venue,
    int? Capacity,
    EventStatus Status)
{
    /// <summary>
    /// The same answer built by the database's query: only the columns shown are read, and no
    /// entity is materialised (for lists, where that was most of a request's work).
    /// </summary>
    public static readonly Expression<Func<ClubEvent, EventResponse>> Projection = e => new EventResponse(
        e.Id,
        new BilingualText { Fr = e.TitleFr, En = e.TitleEn },
        e.DescriptionFr == null ? null : new BilingualText { Fr = e.DescriptionFr, En = e.DescriptionEn },
        e.Kind,
        e.Themes,
        new DateTimeOffset(e.StartsAt, TimeSpan.Zero),
        new DateTimeOffset(e.EndsAt, TimeSpan.Zero),
        e.Municipality,
        e.Venue,
        e.Capacity,
        e.Status);

    private static readonly Func<ClubEvent, EventResponse> FromEntity = Projection.Compile();

    /// <summary>One event already loaded (after a write): the same shape as <see cref="Projection"/>.</summary>
    public static EventResponse From(ClubEvent e) => FromEntity(e);
}
