namespace CircularPlatform.Events.Model;

public enum EventStatus
{
    Draft,
    Scheduled,
    Cancelled,
    Completed,
}
