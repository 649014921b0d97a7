namespace CircularPlatform.Events.Model;

/// <summary>What an organiser can do with an event, named as the API names it.</summary>
public enum EventMove
{
    Schedule,
    Reschedule,
    Cancel,
    Complete,
}

/// <summary>
/// The life of an event: a draft is scheduled, a scheduled event may be rescheduled (its
/// registrations kept) any number of times, and ends completed or cancelled. Completed and
/// cancelled are final: a cancelled event is put on the calendar again as a new event, so the
/// members who were told it was cancelled are not told otherwise by the same entry.
/// </summary>
public static class EventLifecycle
{
    /// <summary>
    /// Whether <paramref name="move"/> is allowed from <paramref name="status"/>; if not, the reason
    /// an organiser reads in the 409 answer.
    /// </summary>
    public static bool Allows(EventStatus status, EventMove move, out string? reason)
    {
        reason = (status, move) switch
        {
            (EventStatus.Draft, EventMove.Schedule) => null,
            (EventStatus.Scheduled, EventMove.Reschedule or EventMove.Cancel or EventMove.Complete) => null,
            (EventStatus.Draft, EventMove.Reschedule) => "A draft has no date members were told about: edit it, then schedule it.",
            (EventStatus.Draft, EventMove.Cancel) => "A draft was never announced: delete or edit it instead of cancelling it.",
            (EventStatus.Draft, EventMove.Complete) => "A draft never took place: schedule it first.",
            (EventStatus.Scheduled, EventMove.Schedule) => "The event is already scheduled.",
            (EventStatus.Cancelled, _) => "The event was cancelled; a cancelled event stays cancelled (schedule a new one).",
            (EventStatus.Completed, _) => "The event is completed; its attendance is final.",
            _ => $"An event that is {status.ToString().ToLowerInvariant()} cannot be moved with '{move.ToString().ToLowerInvariant()}'.",
        };
        return reason is null;
    }

    /// <summary>Where the move leads when it is allowed.</summary>
    public static EventStatus After(EventMove move) => move switch
    {
        EventMove.Schedule or EventMove.Reschedule => EventStatus.Scheduled,
        EventMove.Cancel => EventStatus.Cancelled,
        EventMove.Complete => EventStatus.Completed,
        _ => throw new ArgumentOutOfRangeException(nameof(move), move, null),
    };
}
