using CircularPlatform.Contracts;
using CircularPlatform.Events.Model;

namespace CircularPlatform.Events.Apis;

/// <summary>
/// A member's own registration, with what they need on the day: the event, and while they hold a
/// seat the check-in code as text and the address of its QR code. Times in Paris time.
/// </summary>
public sealed record RegistrationResponse(
    Guid Id,
    Guid EventId,
    RegistrationStatus Status,
    // On the waitlist: 1 for the next to get a seat.
    int? Position,
    DateTimeOffset RegisteredAt,
    DateTimeOffset? ConfirmedAt,
    DateTimeOffset? CancelledAt,
    CancellationCause? CancelledBecause,
    string? CheckInCode,
    string? CheckInQrCode,
    DateTimeOffset? CheckedInAt,
    RegisteredEvent Event)
{
    public static RegistrationResponse From(Registration r, int? position, ClubEvent e, string language)
    {
        var seated = r.Status == RegistrationStatus.Confirmed;
        return new RegistrationResponse(
            r.Id,
            r.EventId,
            r.Status,
            r.Status == RegistrationStatus.Waitlisted ? position : null,
            ParisTime.FromUtc(r.RegisteredAt),
            Paris(r.ConfirmedAt),
            Paris(r.CancelledAt),
            r.CancelledBecause,
            seated ? r.CheckInCode : null,
            seated ? $"/api/events/{r.EventId}/registrations/me/qr.svg" : null,
            Paris(r.CheckedInAt),
            RegisteredEvent.From(e, language));
    }

    internal static DateTimeOffset? Paris(DateTime? utc) => utc is { } at ? ParisTime.FromUtc(at) : null;
}

/// <summary>The event a registration is for, as the member's list shows it.</summary>
public sealed record RegisteredEvent(
    BilingualText Title,
    EventText Text,
    string Kind,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string? Municipality,
    string? Venue,
    string? Address,
    string? OnlineUrl,
    EventStatus Status,
    string? CancellationReason)
{
    public static RegisteredEvent From(ClubEvent e, string language)
    {
        var title = new BilingualText { Fr = e.TitleFr, En = e.TitleEn };
        var description = e.DescriptionFr is null ? null : new BilingualText { Fr = e.DescriptionFr, En = e.DescriptionEn };
        return new RegisteredEvent(
            title, EventText.Pick(language, title, description), e.Kind, ParisTime.FromUtc(e.StartsAt), ParisTime.FromUtc(e.EndsAt),
            e.Municipality, e.Venue, e.Address, e.OnlineUrl, e.Status, e.CancellationReason);
    }
}

/// <summary>One line of an event's list, for its organisers.</summary>
public sealed record AttendeeResponse(
    Guid Id,
    Guid MemberId,
    string? DisplayName,
    string? Email,
    RegistrationStatus Status,
    int? Position,
    DateTimeOffset RegisteredAt,
    DateTimeOffset? ConfirmedAt,
    DateTimeOffset? CancelledAt,
    CancellationCause? CancelledBecause,
    DateTimeOffset? CheckedInAt)
{
    public static AttendeeResponse From(Registration r, int? position) => new(
        r.Id, r.MemberId, r.DisplayName, r.Email, r.Status, r.Status == RegistrationStatus.Waitlisted ? position : null,
        ParisTime.FromUtc(r.RegisteredAt), RegistrationResponse.Paris(r.ConfirmedAt), RegistrationResponse.Paris(r.CancelledAt),
        r.CancelledBecause, RegistrationResponse.Paris(r.CheckedInAt));
}

/// <summary>How an event's places are taken, on the organisers' list.</summary>
public sealed record RegistrationCounts(int? Capacity, int Confirmed, int Waitlisted, int Cancelled, int CheckedIn);

/// <summary>The organisers' list: the platform's page shape, with the event's counts beside it.</summary>
public sealed record AttendeeList(IReadOnlyList<AttendeeResponse> Items, int Page, int PageSize, int Total, RegistrationCounts Counts);

/// <summary>What the door learns from a code.</summary>
public sealed record CheckInResponse(AttendeeResponse Registration, bool AlreadyCheckedIn, int CheckedIn);

public sealed record CheckInRequest(string? Code);
