namespace CircularPlatform.Contracts;

/// <summary>
/// The club meets in the Pas-de-Calais: times are entered and shown in Europe/Paris and stored in
/// UTC. Twice a year a local time is not simple: on the last Sunday of March 02:00–03:00 does not
/// exist (clocks go forward), on the last Sunday of October 02:00–03:00 happens twice.
/// </summary>
public static class ParisTime
{
    /// <summary>The IANA name, as calendars (TZID) and the system's time-zone database know it.</summary>
    public const string ZoneId = "Europe/Paris";

    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById(ZoneId);

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

    /// <summary>
    /// A time as an organiser writes it: with its offset (<c>2027-03-04T09:00:00+01:00</c>, or <c>Z</c>)
    /// it is that instant; without one (<c>2027-03-04T09:00</c>) it is Paris wall-clock time.
    /// </summary>
    public static bool TryParse(string text, out DateTime utc, out string? problem)
    {
        var styles = System.Globalization.DateTimeStyles.AllowWhiteSpaces;
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        utc = default;
        if (!DateTime.TryParse(text, culture, styles | System.Globalization.DateTimeStyles.RoundtripKind, out var parsed)
            || !LooksLikeIso8601(text))
        {
            problem = "Not a date and time: write it as 2027-03-04T09:00 (Paris time) or with its offset, 2027-03-04T09:00:00+01:00.";
            return false;
        }
        if (parsed.Kind == DateTimeKind.Unspecified)
        {
            return TryToUtc(parsed, out utc, out problem);
        }
        utc = DateTimeOffset.Parse(text, culture, styles).UtcDateTime;
        problem = null;
        return true;
    }

    // DateTime.TryParse also reads "12/03/2026" or "3 Dec", whose meaning depends on who wrote them.
    private static bool LooksLikeIso8601(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length >= 16 && char.IsAsciiDigit(trimmed[0]) && trimmed[4] == '-' && trimmed[7] == '-' && trimmed[10] is 'T' or 't' or ' ';
    }

    private static string Format(TimeSpan offset) => (offset < TimeSpan.Zero ? "-" : "+") + offset.ToString(@"hh\:mm", System.Globalization.CultureInfo.InvariantCulture);
}
