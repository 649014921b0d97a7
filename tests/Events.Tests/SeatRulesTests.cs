using CircularPlatform.Events.Model;

namespace CircularPlatform.Events.Tests;

/// <summary>The seat rules on the model itself, without a database: what the lock then makes safe to run at once.</summary>
public sealed class SeatRulesTests
{
    private static readonly DateTime Now = new(2030, 11, 3, 8, 0, 0, DateTimeKind.Utc);

    private static ClubEvent Event(int? capacity, DateTime? opens = null, DateTime? closes = null) => ClubEvent.Schedule(new EventDetails
    {
        TitleFr = "Visite du centre de tri",
        Kind = "site-visit",
        Themes = ["electronic-boards"],
        StartsAt = new DateTime(2030, 12, 3, 8, 0, 0, DateTimeKind.Utc),
        EndsAt = new DateTime(2030, 12, 3, 11, 0, 0, DateTimeKind.Utc),
        Capacity = capacity,
        RegistrationOpensAt = opens,
        RegistrationClosesAt = closes,
    }, by: null, Now);

    [Fact]
    public void Seats_go_in_arrival_order_then_the_waitlist_and_a_freed_seat_goes_to_its_first()
    {
        var visit = Event(capacity: 2);
        var registrations = Enumerable.Range(0, 4).Select(_ => Registration.Take(visit, Guid.NewGuid(), "Membre", null, Now)).ToList();

        Assert.Equal([RegistrationStatus.Confirmed, RegistrationStatus.Confirmed, RegistrationStatus.Waitlisted, RegistrationStatus.Waitlisted],
            registrations.Select(r => r.Status));
        Assert.Equal([1L, 2L, 3L, 4L], registrations.Select(r => r.Arrival));
        Assert.Equal((2, 2, 0), (visit.ConfirmedCount, visit.WaitlistCount, visit.SeatsToOffer));

        registrations[0].Cancel(visit, CancellationCause.Member, Now);

        Assert.Equal((1, 2, 1), (visit.ConfirmedCount, visit.WaitlistCount, visit.SeatsToOffer));
        registrations[2].Promote(visit, Now);
        Assert.Equal((2, 1, 0), (visit.ConfirmedCount, visit.WaitlistCount, visit.SeatsToOffer));
        Assert.Throws<InvalidOperationException>(() => registrations[1].Promote(visit, Now));
    }

    [Fact]
    public void A_lower_capacity_keeps_every_confirmed_seat_and_offers_none_until_below_it()
    {
        var visit = Event(capacity: 3);
        var registrations = Enumerable.Range(0, 4).Select(_ => Registration.Take(visit, Guid.NewGuid(), null, null, Now)).ToList();
        visit.Change(new EventDetails
        {
            TitleFr = visit.TitleFr, Kind = visit.Kind, Themes = visit.Themes, StartsAt = visit.StartsAt, EndsAt = visit.EndsAt, Capacity = 1,
        }, Now, out _);

        Assert.Equal(3, registrations.Count(r => r.Status == RegistrationStatus.Confirmed));
        registrations[0].Cancel(visit, CancellationCause.Member, Now);
        Assert.Equal(0, visit.SeatsToOffer);
    }

    [Fact]
    public void Without_a_capacity_everyone_is_seated()
    {
        var talk = Event(capacity: null);

        Assert.All(Enumerable.Range(0, 50), _ => Assert.Equal(RegistrationStatus.Confirmed, Registration.Take(talk, Guid.NewGuid(), null, null, Now).Status));
    }

    [Fact]
    public void Registration_opens_and_closes_at_its_paris_times()
    {
        var visit = Event(capacity: 10, opens: Now.AddDays(1), closes: Now.AddDays(20));

        Assert.Contains("opens on 2030-11-04 09:00", visit.RegistrationRefusal(Now), StringComparison.Ordinal);
        Assert.Null(visit.RegistrationRefusal(Now.AddDays(1)));
        Assert.Contains("deadline", visit.RegistrationRefusal(Now.AddDays(20)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_check_in_counts_once_and_a_cancelled_registration_frees_nothing_twice()
    {
        var visit = Event(capacity: 1);
        var seated = Registration.Take(visit, Guid.NewGuid(), null, null, Now);

        Assert.True(seated.CheckIn(visit, Now));
        Assert.False(seated.CheckIn(visit, Now));
        Assert.Equal(1, visit.CheckedInCount);
        seated.Cancel(visit, CancellationCause.MemberLeft, Now);
        seated.Cancel(visit, CancellationCause.Member, Now);
        Assert.Equal((0, CancellationCause.MemberLeft), (visit.ConfirmedCount, seated.CancelledBecause));
    }

    [Theory]
    [InlineData("k7qf-m2xa", "K7QFM2XA")]
    [InlineData(" K7QF M2XA ", "K7QFM2XA")]
    [InlineData("K7QFM2X", null)]
    [InlineData("K7QFM2X0", null)]
    [InlineData("K7QFM2XL", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Codes_are_read_as_people_type_them_and_never_with_confusable_characters(string? typed, string? stored) =>
        Assert.Equal(stored, Registration.NormaliseCode(typed));

    [Fact]
    public void A_code_uses_only_the_unambiguous_alphabet()
    {
        var visit = Event(capacity: null);
        var codes = Enumerable.Range(0, 200).Select(_ => Registration.Take(visit, Guid.NewGuid(), null, null, Now).CheckInCode).ToList();

        Assert.All(codes, code => Assert.Equal(code, Registration.NormaliseCode(code)));
        Assert.Equal(codes.Count, codes.Distinct().Count());
    }
}
