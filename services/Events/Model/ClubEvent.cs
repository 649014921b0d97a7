using CircularPlatform.Contracts;
namespace CircularPlatform.Events.Model;

/// <summary>
/// A conference, round table, project presentation, site visit, workshop or webinar of the club.
/// Times are kept in UTC; people see them in Europe/Paris.
/// </summary>
/// <remarks>
/// The seat counters live on the event so that one row decides whether a seat is left: every
/// change to the event's registrations first locks this row (see <c>EventLock</c>), and then the
/// counters, the arrival numbers and the registrations change together in one transaction.
/// </remarks>
public sealed class ClubEvent
{
    private ClubEvent()
    {
    }

    public Guid Id { get; private set; }
    public string TitleFr { get; private set; } = string.Empty;
    public string? TitleEn { get; private set; }
    public string? DescriptionFr { get; private set; }
    public string? DescriptionEn { get; private set; }
    public string Kind { get; private set; } = string.Empty;
    public List<string> Themes { get; private set; } = [];
    public DateTime StartsAt { get; private set; }
    public DateTime EndsAt { get; private set; }
    /// <summary>Official name of the CALL municipality, when the event takes place on the territory.</summary>
    public string? Municipality { get; private set; }
    public string? Venue { get; private set; }
    public string? Address { get; private set; }
    public string? OnlineUrl { get; private set; }
    public int? Capacity { get; private set; }
    public DateTime? RegistrationOpensAt { get; private set; }
    public DateTime? RegistrationClosesAt { get; private set; }
    public List<EventPerson> Organisers { get; private set; } = [];
    public List<EventPerson> Speakers { get; private set; } = [];
    public List<AgendaItem> Agenda { get; private set; } = [];
    public PracticalInformation? Practical { get; private set; }
    /// <summary>Titles and descriptions in both languages as searches compare them (<see cref="Contracts.SearchKey"/>).</summary>
    public string SearchText { get; private set; } = string.Empty;

    public EventStatus Status { get; private set; }
    public Guid? CreatedBy { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public DateTime? ScheduledAt { get; private set; }
    public DateTime? CancelledAt { get; private set; }
    public string? CancellationReason { get; private set; }
    public DateTime? CompletedAt { get; private set; }

    /// <summary>Grows with every change an organiser makes; the ETag, and the concurrency token of edits.</summary>
    public int Version { get; private set; }
    /// <summary>RFC 5545 SEQUENCE: grows when members' calendars must take the change (new time or place, cancellation).</summary>
    public int CalendarSequence { get; private set; }

    public int ConfirmedCount { get; private set; }
    public int WaitlistCount { get; private set; }
    public int CheckedInCount { get; private set; }
    /// <summary>The arrival number last given to a registration; raised under the seat lock.</summary>
    public long LastArrival { get; private set; }

    public EventPlace Place => new() { Venue = Venue, Address = Address, Municipality = Municipality, OnlineUrl = OnlineUrl };

    /// <summary>Registrations close at the deadline, by default when the event starts.</summary>
    public DateTime RegistrationDeadline => RegistrationClosesAt ?? StartsAt;

    /// <summary>A draft: the organisers' work in progress, not on the calendar yet.</summary>
    public static ClubEvent Draft(EventDetails details, Guid? by, DateTime now)
    {
        var draft = new ClubEvent
        {
            Id = Guid.CreateVersion7(),
            Status = EventStatus.Draft,
            CreatedBy = by,
            CreatedAt = now,
            Version = 1,
        };
        draft.Apply(details, now);
        return draft;
    }

    /// <summary>Puts a validated event straight onto the club's calendar.</summary>
    public static ClubEvent Schedule(EventDetails details, Guid? by, DateTime now)
    {
        var scheduled = Draft(details, by, now);
        scheduled.Status = EventStatus.Scheduled;
        scheduled.ScheduledAt = now;
        return scheduled;
    }

    /// <summary>What an edit changed, for what must be announced.</summary>
    public sealed record Edit(bool Rescheduled, bool CapacityRaised);

    /// <summary>
    /// An organiser's new version of the event. On a scheduled event a new time or place is a
    /// reschedule (registrations kept, calendars updated); on a final one nothing may change.
    /// </summary>
    public Edit? Change(EventDetails details, DateTime now, out string? refusal)
    {
        if (Status is EventStatus.Cancelled or EventStatus.Completed)
        {
            EventLifecycle.Allows(Status, EventMove.Reschedule, out refusal);
            return null;
        }
        refusal = null;
        var place = details.Place;
        var rescheduled = Status == EventStatus.Scheduled
            && (details.StartsAt != StartsAt || details.EndsAt != EndsAt || place != Place);
        var raised = details.Capacity is null ? Capacity is not null : Capacity is { } before && details.Capacity > before;
        Apply(details, now);
        Version++;
        if (rescheduled)
        {
            CalendarSequence++;
        }
        return new Edit(rescheduled, raised);
    }

    /// <summary>Puts a draft on the calendar.</summary>
    public bool TrySchedule(DateTime now, out string? refusal)
    {
        if (!EventLifecycle.Allows(Status, EventMove.Schedule, out refusal))
        {
            return false;
        }
        if (EndsAt <= now)
        {
            refusal = "The event is over already: change its dates before scheduling it.";
            return false;
        }
        Status = EventStatus.Scheduled;
        ScheduledAt = now;
        Touch(now);
        return true;
    }

    public bool TryCancel(string reason, DateTime now, out string? refusal)
    {
        if (!EventLifecycle.Allows(Status, EventMove.Cancel, out refusal))
        {
            return false;
        }
        Status = EventStatus.Cancelled;
        CancelledAt = now;
        CancellationReason = reason;
        CalendarSequence++;
        // The registrations are cancelled with the event, in one statement by the caller.
        ConfirmedCount = 0;
        WaitlistCount = 0;
        Touch(now);
        return true;
    }

    /// <summary>Closes the event once it has begun; the attendance is what was checked in at the door.</summary>
    public bool TryComplete(DateTime now, out string? refusal)
    {
        if (!EventLifecycle.Allows(Status, EventMove.Complete, out refusal))
        {
            return false;
        }
        if (StartsAt > now)
        {
            refusal = "The event has not started yet: an event is completed once it has taken place.";
            return false;
        }
        Status = EventStatus.Completed;
        CompletedAt = now;
        Touch(now);
        return true;
    }

    /// <summary>Why a member cannot register now, or null when they can.</summary>
    public string? RegistrationRefusal(DateTime now) => Status switch
    {
        EventStatus.Draft => "The event is not on the calendar yet.",
        EventStatus.Cancelled => "The event was cancelled.",
        EventStatus.Completed => "The event is over.",
        _ when RegistrationOpensAt is { } opens && now < opens =>
            $"Registration opens on {ParisTime.FromUtc(opens):yyyy-MM-dd HH:mm} (Paris time).",
        _ when now >= RegistrationDeadline => "Registration is closed: its deadline has passed.",
        _ => null,
    };

    /// <summary>Why a member cannot give up their place now, or null when they can.</summary>
    public string? WithdrawalRefusal(DateTime now) => Status switch
    {
        EventStatus.Completed => "The event is over.",
        EventStatus.Cancelled => "The event was cancelled: every registration ended with it.",
        _ when now >= StartsAt => "The event has begun: a place can be given up until it starts.",
        _ => null,
    };

    /// <summary>Why nobody can be checked in now, or null when the door is open.</summary>
    public string? CheckInRefusal => Status switch
    {
        EventStatus.Draft => "The event is not on the calendar yet.",
        EventStatus.Cancelled => "The event was cancelled.",
        EventStatus.Completed => "The event is completed: its attendance is final.",
        _ => null,
    };

    /// <summary>
    /// Gives the next registration its arrival number and its place: a seat while seats remain,
    /// the waitlist after. Called under the seat lock.
    /// </summary>
    public (long Arrival, bool Seated) TakePlace()
    {
        LastArrival++;
        if (Capacity is null || ConfirmedCount < Capacity)
        {
            ConfirmedCount++;
            return (LastArrival, true);
        }
        WaitlistCount++;
        return (LastArrival, false);
    }

    /// <summary>A confirmed seat or a waitlist place was given up.</summary>
    public void Release(RegistrationStatus held)
    {
        if (held == RegistrationStatus.Confirmed)
        {
            ConfirmedCount--;
        }
        else if (held == RegistrationStatus.Waitlisted)
        {
            WaitlistCount--;
        }
    }

    /// <summary>How many of the waitlist get a seat now: never more than are free, never a confirmed person dropped.</summary>
    public int SeatsToOffer => Status != EventStatus.Scheduled
        ? 0
        : Capacity is { } capacity ? Math.Clamp(capacity - ConfirmedCount, 0, WaitlistCount) : WaitlistCount;

    /// <summary>A waitlisted member was given a freed seat.</summary>
    public void Promoted()
    {
        WaitlistCount--;
        ConfirmedCount++;
    }

    public void CheckedIn() => CheckedInCount++;

    private void Apply(EventDetails details, DateTime now)
    {
        TitleFr = details.TitleFr;
        TitleEn = details.TitleEn;
        DescriptionFr = details.DescriptionFr;
        DescriptionEn = details.DescriptionEn;
        Kind = details.Kind;
        Themes = [.. details.Themes];
        StartsAt = details.StartsAt;
        EndsAt = details.EndsAt;
        Municipality = details.Place.Municipality;
        Venue = details.Place.Venue;
        Address = details.Place.Address;
        OnlineUrl = details.Place.OnlineUrl;
        Capacity = details.Capacity;
        RegistrationOpensAt = details.RegistrationOpensAt;
        RegistrationClosesAt = details.RegistrationClosesAt;
        Organisers = [.. details.Organisers];
        Speakers = [.. details.Speakers];
        Agenda = [.. details.Agenda];
        Practical = details.Practical;
        SearchText = Contracts.SearchKey.Of(string.Join(' ', new[] { TitleFr, TitleEn, DescriptionFr, DescriptionEn }.Where(t => t is not null)));
        UpdatedAt = now;
    }

    private void Touch(DateTime now)
    {
        Version++;
        UpdatedAt = now;
    }
}
