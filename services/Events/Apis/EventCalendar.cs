using CircularPlatform.Contracts;
using CircularPlatform.Events.Model;
using CircularPlatform.ServiceDefaults.Http;
using Ical.Net;
using EventStatus = CircularPlatform.Events.Model.EventStatus;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace CircularPlatform.Events.Apis;

/// <summary>
/// The club's events as RFC 5545 calendars, written by Ical.Net: times in Europe/Paris with its
/// VTIMEZONE, one stable UID per event, a SEQUENCE that grows with each new time or place, and
/// STATUS:CANCELLED once an event is called off, so that a subscribed calendar updates the entry
/// it has rather than adding a second one. The text is written from the event's stored state only
/// (DTSTAMP is the last change), so the same event gives the same bytes: the ETag can be strong.
/// </summary>
public static class EventCalendar
{
    public const string ContentType = "text/calendar; charset=utf-8";
    private static readonly DateTime RulesSince = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private const string ProductId = "-//Club economie circulaire Lens-Lievin//Circular Platform Events//FR";

    public static string Write(IReadOnlyList<ClubEvent> events, string language, string? name)
    {
        var calendar = new Calendar { ProductId = ProductId, Method = "PUBLISH" };
        if (name is not null)
        {
            // Read by Apple Calendar, Outlook and Google as the subscription's name.
            calendar.AddProperty("X-WR-CALNAME", name);
        }
        calendar.AddProperty("X-WR-TIMEZONE", ParisTime.ZoneId);
        // France's rules as they have been since 1996, without a century of history; a fixed date
        // rather than "now", so that the text, and with it the ETag, stays the same from day to day.
        calendar.AddTimeZone(VTimeZone.FromDateTimeZone(ParisTime.ZoneId, RulesSince, includeHistoricalData: false));
        foreach (var e in events)
        {
            calendar.Events.Add(Entry(e, language));
        }
        return new CalendarSerializer(calendar).SerializeToString()
            ?? throw new InvalidOperationException("The calendar could not be written.");
    }

    public static string Uid(Guid eventId) => $"{eventId}@events.club-economie-circulaire-lens-lievin.fr";

    public static string FeedName(string language, string? theme)
    {
        var club = language == ReaderLanguage.English ? "Circular economy club of Lens-Liévin" : "Club économie circulaire de Lens-Liévin";
        return theme is not null && Themes.TryFind(theme, out var found)
            ? $"{club} — {ReaderLanguage.Pick(language, found.Name.Fr, found.Name.En).Value}"
            : club;
    }

    private static CalendarEvent Entry(ClubEvent e, string language)
    {
        var title = ReaderLanguage.Pick(language, e.TitleFr, e.TitleEn);
        var description = title.Language == ReaderLanguage.English ? e.DescriptionEn ?? e.DescriptionFr : e.DescriptionFr;
        var entry = new CalendarEvent
        {
            Uid = Uid(e.Id),
            Summary = e.Status == EventStatus.Cancelled ? $"{Cancelled(title.Language)} {title.Value}" : title.Value,
            Description = Description(e, description, title.Language),
            DtStart = Paris(e.StartsAt),
            DtEnd = Paris(e.EndsAt),
            DtStamp = Utc(e.UpdatedAt),
            LastModified = Utc(e.UpdatedAt),
            Created = Utc(e.CreatedAt),
            Sequence = e.CalendarSequence,
            Status = e.Status == EventStatus.Cancelled ? Ical.Net.EventStatus.Cancelled : Ical.Net.EventStatus.Confirmed,
            Location = Location(e),
        };
        if (e.OnlineUrl is { } link && Uri.TryCreate(link, UriKind.Absolute, out var url))
        {
            entry.Url = url;
        }
        entry.Categories = [e.Kind, .. e.Themes];
        return entry;
    }

    private static string Cancelled(string language) => language == ReaderLanguage.English ? "[Cancelled]" : "[Annulé]";

    private static string? Description(ClubEvent e, string? description, string language)
    {
        var parts = new List<string?> { description };
        if (e.Status == EventStatus.Cancelled && e.CancellationReason is { } reason)
        {
            parts.Insert(0, (language == ReaderLanguage.English ? "Cancelled: " : "Annulé : ") + reason);
        }
        if (e.OnlineUrl is { } link)
        {
            parts.Add((language == ReaderLanguage.English ? "Online: " : "En ligne : ") + link);
        }
        var text = string.Join("\n\n", parts.Where(p => !string.IsNullOrWhiteSpace(p)));
        return text.Length == 0 ? null : text;
    }

    private static string? Location(ClubEvent e)
    {
        var place = string.Join(", ", new[] { e.Venue, e.Address, e.Address is null ? e.Municipality : null }.Where(p => p is not null));
        return place.Length > 0 ? place : e.OnlineUrl;
    }

    private static CalDateTime Paris(DateTime utc) => new(ParisTime.FromUtc(utc).DateTime, ParisTime.ZoneId, hasTime: true);

    private static CalDateTime Utc(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc), CalDateTime.UtcTzId, hasTime: true);
}
