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
    public static EventResponse From(ClubEvent e) => new(
        e.Id,
        new BilingualText { Fr = e.TitleFr, En = e.TitleEn },
        e.DescriptionFr is null ? null : new BilingualText { Fr = e.DescriptionFr, En = e.DescriptionEn },
        e.Kind,
        e.Themes,
        new DateTimeOffset(e.StartsAt, TimeSpan.Zero),
        new DateTimeOffset(e.EndsAt, TimeSpan.Zero),
        e.Municipality,
        e.Venue,
        e.Capacity,
        e.Status);
}
