using CircularPlatform.Contracts;
using CircularPlatform.Notifications.Model;

namespace CircularPlatform.Notifications.Apis;

public sealed record AnnouncementResponse(
    Guid Id,
    Guid EventId,
    BilingualText Title,
    string Kind,
    IReadOnlyList<string> Themes,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string? Municipality,
    string? Venue,
    DateTimeOffset AnnouncedAt)
{
    public static AnnouncementResponse From(Announcement a) => new(
        a.Id,
        a.EventId,
        new BilingualText { Fr = a.TitleFr, En = a.TitleEn },
        a.Kind,
        a.Themes,
        new DateTimeOffset(a.StartsAt, TimeSpan.Zero),
        new DateTimeOffset(a.EndsAt, TimeSpan.Zero),
        a.Municipality,
        a.Venue,
        new DateTimeOffset(a.AnnouncedAt, TimeSpan.Zero));
}
