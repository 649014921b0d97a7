namespace CircularPlatform.Events.Model;

/// <summary>
/// The club meets in the Pas-de-Calais: times are entered and shown in Europe/Paris and stored in
/// UTC. Twice a year a local time is not simple: on the last Sunday of March 02:00–03:00 does not
/// exist (clocks go forward), on the last Sunday of October 02:00–03:00 happens twice.
/// </summary>
public static class ParisTime
{
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    /// <summary>A UTC instant as people in Paris read it, with that day's offset (+01:00 or +02:00).</summary>
    public static DateTimeOffset FromUtc(DateTime utc)
    {
        var instant = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        return new DateTimeOffset(instant).ToOffset(Zone.GetUtcOffset(instant));
    }

    /// <summary>
    /// A wall-clock time in Paris to UTC. A time that does not exist, or that happens twice, is a
    /// problem the organiser must settle (by giving the offset), not something to guess.
    /// </summary>
    public static bool TryToUtc(DateTime local, out DateTime utc, out string? problem)
    {
        var wallClock = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        utc = default;
        if (Zone.IsInvalidTime(wallClock))
        {
            problem = $"{wallClock:yyyy-MM-dd HH:mm} does not exist in Paris (the clocks go forward that night): choose another time.";
            return false;
        }
        if (Zone.IsAmbiguousTime(wallClock))
        {
            var offsets = Zone.GetAmbiguousTimeOffsets(wallClock).OrderByDescending(offset => offset).Select(Format);
            problem = $"{wallClock:yyyy-MM-dd HH:mm} happens twice in Paris (the clocks go back that night): give the offset, {string.Join(" or ", offsets)}.";
            return false;
        }
        utc = TimeZoneInfo.ConvertTimeToUtc(wallClock, Zone);
        problem = null;
        return true;
    }

    private static string Format(TimeSpan offset) => (offset < TimeSpan.Zero ? "-" : "+") + offset.ToString(@"hh\:mm", System.Globalization.CultureInfo.InvariantCulture);
}
