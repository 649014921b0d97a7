using CircularPlatform.Contracts;
using CircularPlatform.Events.Model;

namespace CircularPlatform.Events.Tests;

public sealed class ParisTimeTests
{
    [Theory]
    // Winter (+01:00) and summer (+02:00).
    [InlineData("2027-01-14T09:30:00", "2027-01-14T08:30:00")]
    [InlineData("2027-06-17T09:30:00", "2027-06-17T07:30:00")]
    // Either side of the spring change (28 March 2027, 02:00 → 03:00).
    [InlineData("2027-03-28T01:59:00", "2027-03-28T00:59:00")]
    [InlineData("2027-03-28T03:00:00", "2027-03-28T01:00:00")]
    // Either side of the autumn change (31 October 2027, 03:00 → 02:00).
    [InlineData("2027-10-31T01:59:00", "2027-10-30T23:59:00")]
    [InlineData("2027-10-31T03:00:00", "2027-10-31T02:00:00")]
    public void A_wall_clock_time_in_Paris_is_stored_in_utc(string local, string expectedUtc)
    {
        Assert.True(ParisTime.TryToUtc(DateTime.Parse(local, System.Globalization.CultureInfo.InvariantCulture), out var utc, out var problem));
        Assert.Null(problem);
        Assert.Equal(DateTime.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture), utc);
        Assert.Equal(DateTimeKind.Utc, utc.Kind);
    }

    [Fact]
    public void A_time_the_spring_change_skips_is_refused()
    {
        Assert.False(ParisTime.TryToUtc(new DateTime(2027, 3, 28, 2, 30, 0), out _, out var problem));
        Assert.Contains("does not exist", problem);
    }

    [Fact]
    public void A_time_the_autumn_change_repeats_asks_for_the_offset()
    {
        Assert.False(ParisTime.TryToUtc(new DateTime(2027, 10, 31, 2, 30, 0), out _, out var problem));
        Assert.Contains("happens twice", problem);
        Assert.Contains("+02:00 or +01:00", problem);
    }

    [Theory]
    [InlineData("2027-03-28T00:59:00", "2027-03-28T01:59:00+01:00")]
    [InlineData("2027-03-28T01:00:00", "2027-03-28T03:00:00+02:00")]
    // The two 02:30 of the autumn night, an hour apart in UTC, shown with their own offsets.
    [InlineData("2027-10-31T00:30:00", "2027-10-31T02:30:00+02:00")]
    [InlineData("2027-10-31T01:30:00", "2027-10-31T02:30:00+01:00")]
    public void A_stored_time_is_shown_with_the_offset_of_its_day(string utc, string expected)
    {
        var shown = ParisTime.FromUtc(DateTime.Parse(utc, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), shown);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture).Offset, shown.Offset);
    }
}
