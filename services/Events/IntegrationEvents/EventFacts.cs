using CircularPlatform.Contracts;
using CircularPlatform.Contracts.IntegrationEvents;
using CircularPlatform.Events.Model;

namespace CircularPlatform.Events.IntegrationEvents;

/// <summary>What Events tells the other services, built from its own model in one place.</summary>
public static class EventFacts
{
    public static EventScheduled Scheduled(ClubEvent e) => new()
    {
        EventId = e.Id,
        Title = Title(e),
        Kind = e.Kind,
        Themes = e.Themes,
        StartsAt = Utc(e.StartsAt),
        EndsAt = Utc(e.EndsAt),
        Municipality = e.Municipality,
        Venue = e.Venue,
        Capacity = e.Capacity,
        Address = e.Address,
        OnlineUrl = e.OnlineUrl,
        RegistrationClosesAt = Utc(e.RegistrationDeadline),
        PracticalInformation = Practical(e.Practical),
    };

    public static EventRescheduled Rescheduled(ClubEvent e) => new()
    {
        EventId = e.Id,
        Title = Title(e),
        StartsAt = Utc(e.StartsAt),
        EndsAt = Utc(e.EndsAt),
        Municipality = e.Municipality,
        Venue = e.Venue,
        Address = e.Address,
        OnlineUrl = e.OnlineUrl,
        Sequence = e.CalendarSequence,
    };

    public static EventCancelled Cancelled(ClubEvent e) => new()
    {
        EventId = e.Id,
        Title = Title(e),
        Reason = e.CancellationReason,
        StartsAt = Utc(e.StartsAt),
    };

    public static EventCompleted Completed(ClubEvent e) => new()
    {
        EventId = e.Id,
        AttendeeCount = e.CheckedInCount,
        ConfirmedCount = e.ConfirmedCount,
        Title = Title(e),
        Kind = e.Kind,
        Themes = e.Themes,
        StartsAt = Utc(e.StartsAt),
        EndsAt = Utc(e.EndsAt),
        Municipality = e.Municipality,
        OrganiserIds = e.CreatedBy is { } organiser ? [organiser] : [],
    };

    public static RegistrationConfirmed Confirmed(Registration r) => new() { RegistrationId = r.Id, EventId = r.EventId, MemberId = r.MemberId };

    public static RegistrationWaitlisted Waitlisted(Registration r, int position) =>
        new() { RegistrationId = r.Id, EventId = r.EventId, MemberId = r.MemberId, Position = position };

    public static RegistrationPromoted Promoted(Registration r) => new() { RegistrationId = r.Id, EventId = r.EventId, MemberId = r.MemberId };

    public static RegistrationCancelled Cancelled(Registration r) => new()
    {
        RegistrationId = r.Id,
        EventId = r.EventId,
        MemberId = r.MemberId,
        Reason = r.CancelledBecause == CancellationCause.MemberLeft ? "member-left" : "member",
    };

    private static BilingualText Title(ClubEvent e) => new() { Fr = e.TitleFr, En = e.TitleEn };

    private static DateTimeOffset Utc(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeSpan.Zero);

    /// <summary>The practical information as one text per language, for reminders; English only where some was translated.</summary>
    private static BilingualText? Practical(PracticalInformation? p)
    {
        if (p is null)
        {
            return null;
        }
        (string? Fr, string? En)[] parts = [(p.ProtectiveEquipmentFr, p.ProtectiveEquipmentEn), (p.AccessibilityFr, p.AccessibilityEn), (p.NotesFr, p.NotesEn)];
        var translated = parts.Any(part => part.En is not null);
        return new BilingualText
        {
            Fr = Lines(parts.Select(part => part.Fr)),
            En = translated ? Lines(parts.Select(part => part.En ?? part.Fr)) : null,
        };
    }

    private static string Lines(IEnumerable<string?> parts) => string.Join("\n", parts.OfType<string>());
}
