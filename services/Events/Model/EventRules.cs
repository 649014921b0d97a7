namespace CircularPlatform.Events.Model;

public static class EventRules
{
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 10_000;
    public const int VenueMaxLength = 300;
    public const int AddressMaxLength = 300;
    public const int UrlMaxLength = 2_000;
    public const int NameMaxLength = 200;
    public const int EmailMaxLength = 320;
    public const int PracticalMaxLength = 2_000;
    public const int ReasonMaxLength = 1_000;
    public const int MaxCapacity = 100_000;
    public const int MaxThemes = 9;
    public const int MaxPeople = 30;
    public const int MaxAgendaItems = 50;
    /// <summary>The longest event the club runs is a few days of workshops.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(14);
}
