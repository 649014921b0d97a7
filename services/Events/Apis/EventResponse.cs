using System.Linq.Expressions;
using CircularPlatform.Contracts;
using CircularPlatform.Events.Model;
using CircularPlatform.ServiceDefaults.Http;

namespace CircularPlatform.Events.Apis;

/// <summary>An event in the club's calendar. Times are given in Paris time, with that day's offset.</summary>
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
    string? Address,
    string? OnlineUrl,
    int? Capacity,
    DateTimeOffset? RegistrationOpensAt,
    DateTimeOffset RegistrationClosesAt,
    EventStatus Status,
    SeatCounts Seats)
{
    /// <summary>The title and description in the reader's language (see <see cref="ReaderLanguage"/>).</summary>
    public EventText? Text { get; init; }

    public EventFormat Format => new EventPlace { Venue = Venue, Municipality = Municipality, OnlineUrl = OnlineUrl }.Format;

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
        ParisTime.FromUtc(e.StartsAt),
        ParisTime.FromUtc(e.EndsAt),
        e.Municipality,
        e.Venue,
        e.Address,
        e.OnlineUrl,
        e.Capacity,
        e.RegistrationOpensAt == null ? null : ParisTime.FromUtc(e.RegistrationOpensAt.Value),
        ParisTime.FromUtc(e.RegistrationClosesAt ?? e.StartsAt),
        e.Status,
        new SeatCounts(e.ConfirmedCount, e.WaitlistCount, e.Capacity == null ? null : Math.Max(0, e.Capacity.Value - e.ConfirmedCount)));

    private static readonly Func<ClubEvent, EventResponse> FromEntity = Projection.Compile();

    /// <summary>One event already loaded: the same shape as <see cref="Projection"/>.</summary>
    public static EventResponse From(ClubEvent e) => FromEntity(e);

    public EventResponse In(string language) => this with { Text = EventText.Pick(language, Title, Description) };

    // What the event's own page shows besides the calendar's columns; absent from lists.
    public IReadOnlyList<EventPerson>? Organisers { get; init; }
    public IReadOnlyList<EventPerson>? Speakers { get; init; }
    public IReadOnlyList<AgendaItemResponse>? Agenda { get; init; }
    public PracticalInformationResponse? Practical { get; init; }
    public string? CancellationReason { get; init; }
    /// <summary>How many were checked in at the door, once the event is completed.</summary>
    public int? Attendance { get; init; }

    /// <summary>One event with everything its page shows: organisers, speakers, agenda, practical information.</summary>
    public static EventResponse Detailed(ClubEvent e, string language) => From(e).In(language) with
    {
        Organisers = e.Organisers,
        Speakers = e.Speakers,
        Agenda = [.. e.Agenda.Select(item => new AgendaItemResponse(ParisTime.FromUtc(item.StartsAt), new BilingualText { Fr = item.TitleFr, En = item.TitleEn }, item.Speaker))],
        Practical = e.Practical is { } p
            ? new PracticalInformationResponse(Bilingual(p.ProtectiveEquipmentFr, p.ProtectiveEquipmentEn), Bilingual(p.AccessibilityFr, p.AccessibilityEn), Bilingual(p.NotesFr, p.NotesEn))
            : null,
        CancellationReason = e.CancellationReason,
        Attendance = e.Status == EventStatus.Completed ? e.CheckedInCount : null,
    };

    private static BilingualText? Bilingual(string? fr, string? en) => fr is null ? null : new BilingualText { Fr = fr, En = en };
}

/// <summary>How the seats of an event are taken; <c>left</c> is absent for an event without a limit.</summary>
public sealed record SeatCounts(int Confirmed, int Waitlisted, int? Left);

/// <summary>The event's text in one language, saying which one, and whether it stands in for the one asked for.</summary>
public sealed record EventText(string Language, bool Fallback, string Title, string? Description)
{
    public static EventText Pick(string requested, BilingualText title, BilingualText? description)
    {
        var picked = ReaderLanguage.Pick(requested, title.Fr, title.En);
        var text = picked.Language == ReaderLanguage.English ? description?.En ?? description?.Fr : description?.Fr;
        return new EventText(picked.Language, picked.Fallback, picked.Value, text);
    }
}

public sealed record AgendaItemResponse(DateTimeOffset StartsAt, BilingualText Title, string? Speaker);

public sealed record PracticalInformationResponse(BilingualText? ProtectiveEquipment, BilingualText? Accessibility, BilingualText? Notes);
