namespace CircularPlatform.Notifications.Infrastructure.Reminders;

/// <summary>Section <c>Notifications:Reminders</c>.</summary>
public sealed class ReminderOptions
{
    public const string Section = "Notifications:Reminders";

    /// <summary>How long before an event its confirmed registrants are reminded of it.</summary>
    public TimeSpan Lead { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often the clock looks for reminders that are due.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);
}
