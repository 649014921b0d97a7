using CircularPlatform.Contracts.IntegrationEvents;
using CircularPlatform.Notifications.Model;

namespace CircularPlatform.Notifications.Tests;

/// <summary>Who hears of what, on which channel, and when their email may leave.</summary>
public sealed class AudienceTests
{
    private static readonly DateTime Monday = new(2030, 11, 4, 9, 0, 0, DateTimeKind.Utc);

    private static Recipient Member(Action<Preferences>? choose = null, bool active = true, string? email = "camille@recyclerie.test", params string[] themes)
    {
        var recipient = Recipient.Unknown(Guid.NewGuid());
        recipient.Joined(new MemberJoined
        {
            MemberId = recipient.MemberId, DisplayName = "Camille", Email = email ?? "", Language = "fr", Role = "member",
            Themes = themes.Length == 0 ? ["bio-waste"] : themes, OccurredAt = Monday.AddDays(-30),
        });
        if (email is null)
        {
            recipient.Left(new MemberLeft { MemberId = recipient.MemberId, Reason = "erased", Erased = true, OccurredAt = Monday.AddDays(-1) });
        }
        else if (!active)
        {
            recipient.Left(new MemberLeft { MemberId = recipient.MemberId, Reason = "suspended", OccurredAt = Monday.AddDays(-1) });
        }
        if (choose is not null)
        {
            var preferences = recipient.Preferences.Copy();
            choose(preferences);
            recipient.Choose(preferences, Monday.AddDays(-2));
        }
        return recipient;
    }

    [Fact]
    public void An_event_on_one_of_the_members_themes_reaches_them_in_the_app_and_by_email()
    {
        Assert.Equal(Channels.InApp | Channels.Email, Audience.For(Member(), Topic.EventAnnouncement, ["water", "bio-waste"]));
        Assert.Equal(Channels.None, Audience.For(Member(), Topic.EventAnnouncement, ["water"]));
        Assert.Equal(Channels.None, Audience.For(Member(), Topic.EventAnnouncement, []));
    }

    [Fact]
    public void Who_asked_for_every_event_hears_of_all_but_those_only_on_muted_themes()
    {
        var everything = Member(p => { p.AllEvents = true; p.MutedThemes = ["funding"]; });

        Assert.NotEqual(Channels.None, Audience.For(everything, Topic.EventAnnouncement, ["water"]));
        Assert.NotEqual(Channels.None, Audience.For(everything, Topic.EventAnnouncement, []));
        Assert.NotEqual(Channels.None, Audience.For(everything, Topic.EventAnnouncement, ["funding", "water"]));
        Assert.Equal(Channels.None, Audience.For(everything, Topic.EventAnnouncement, ["funding"]));
        // Every event is not every article.
        Assert.Equal(Channels.None, Audience.For(everything, Topic.Article, ["water"]));
    }

    [Fact]
    public void A_muted_theme_silences_it_even_among_the_members_interests()
    {
        var muted = Member(p => p.MutedThemes = ["bio-waste"], themes: ["bio-waste", "water"]);

        Assert.Equal(Channels.None, Audience.For(muted, Topic.EventAnnouncement, ["bio-waste"]));
        Assert.NotEqual(Channels.None, Audience.For(muted, Topic.Article, ["bio-waste", "water"]));
    }

    [Fact]
    public void Topics_and_channels_turned_off_are_respected()
    {
        Assert.Equal(Channels.None, Audience.For(Member(p => p.EventAnnouncements = false), Topic.EventAnnouncement, ["bio-waste"]));
        Assert.Equal(Channels.None, Audience.For(Member(p => p.Articles = false), Topic.Article, ["bio-waste"]));
        Assert.Equal(Channels.None, Audience.For(Member(p => p.RegistrationUpdates = false), Topic.RegistrationUpdate, []));
        Assert.Equal(Channels.InApp, Audience.For(Member(p => p.Email = false), Topic.RegistrationUpdate, []));
        Assert.Equal(Channels.Email, Audience.For(Member(p => p.InApp = false), Topic.Article, ["bio-waste"]));
    }

    [Fact]
    public void A_change_to_an_event_one_registered_for_always_goes_through()
    {
        var silent = Member(p => { p.InApp = false; p.Email = false; p.EventAnnouncements = false; p.RegistrationUpdates = false; p.Articles = false; });

        Assert.Equal(Channels.InApp | Channels.Email, Audience.For(silent, Topic.EventChange, []));
        Assert.Equal(Channels.InApp | Channels.Email, Audience.For(silent, Topic.Welcome, []));
    }

    [Fact]
    public void Members_who_left_hear_nothing_not_even_changes()
    {
        Assert.Equal(Channels.None, Audience.For(Member(active: false), Topic.EventChange, []));
        Assert.Equal(Channels.None, Audience.For(Member(email: null), Topic.EventChange, []));
        Assert.Equal(Channels.None, Audience.For(Member(active: false), Topic.EventAnnouncement, ["bio-waste"]));
    }

    [Fact]
    public void A_choice_made_here_stands_against_an_older_profile_fact_and_yields_to_a_newer_one()
    {
        var recipient = Member(p => p.EventAnnouncements = false);
        MemberProfileChanged Profile(DateTime at, bool announcements) => new()
        {
            MemberId = recipient.MemberId, DisplayName = "Camille", Email = "camille@recyclerie.test", Language = "fr", Themes = ["bio-waste"],
            Preferences = new NotificationPreferences { EventAnnouncements = announcements }, OccurredAt = at,
        };

        recipient.ProfileChanged(Profile(Monday.AddDays(-3), announcements: true));
        Assert.False(recipient.Preferences.EventAnnouncements);

        recipient.ProfileChanged(Profile(Monday, announcements: true));
        Assert.True(recipient.Preferences.EventAnnouncements);
    }

    [Fact]
    public void One_click_unsubscribing_turns_off_that_kind_of_email_only_and_a_later_profile_fact_keeps_it_off()
    {
        var recipient = Member(themes: "water");
        recipient.Unsubscribe(UnsubscribeScope.EventAnnouncements, Monday);

        Assert.False(recipient.Preferences.EmailEventAnnouncements);
        Assert.Equal(Channels.InApp, Audience.For(recipient, Topic.EventAnnouncement, ["water"]));
        Assert.Equal(Channels.InApp | Channels.Email, Audience.For(recipient, Topic.Article, ["water"]));
        // Members' profile facts carry the topics, never these opt-outs.
        recipient.ProfileChanged(new MemberProfileChanged
        {
            MemberId = recipient.MemberId, DisplayName = "Camille", Email = "camille@recyclerie.test", Language = "fr", Themes = ["water"],
            Preferences = new NotificationPreferences { EventAnnouncements = true }, OccurredAt = Monday.AddDays(7),
        });
        Assert.Equal(Channels.InApp, Audience.For(recipient, Topic.EventAnnouncement, ["water"]));

        recipient.Unsubscribe(UnsubscribeScope.Digest, Monday.AddDays(8));
        Assert.Equal(Channels.InApp, Audience.For(recipient, Topic.Article, ["water"]));
        recipient.Unsubscribe(UnsubscribeScope.AllEmail, Monday.AddDays(8));
        // A change to an event they registered for still comes by email.
        Assert.Equal(Channels.InApp | Channels.Email, Audience.For(recipient, Topic.EventChange, []));
        Assert.Equal(Channels.InApp, Audience.For(recipient, Topic.RegistrationUpdate, []));
    }

    // Paris is UTC+1 in winter, UTC+2 in summer.
    private static DateTime Paris(int month, int day, int hour, int minute = 0) =>
        TimeZoneInfo.ConvertTimeToUtc(new DateTime(2030, month, day, hour, minute, 0), Contracts.ParisTime.Zone);

    [Fact]
    public void Quiet_hours_across_midnight_hold_an_email_until_they_end_in_Paris_time()
    {
        var quiet = new Preferences { QuietFrom = new TimeOnly(21, 0), QuietUntil = new TimeOnly(7, 30) };

        Assert.Equal(Paris(11, 5, 7, 30), quiet.EmailDueAt(Topic.RegistrationUpdate, Paris(11, 4, 22, 15)));
        Assert.Equal(Paris(11, 5, 7, 30), quiet.EmailDueAt(Topic.RegistrationUpdate, Paris(11, 5, 6, 0)));
        Assert.Equal(Paris(11, 4, 20, 59), quiet.EmailDueAt(Topic.RegistrationUpdate, Paris(11, 4, 20, 59)));
        Assert.Equal(Paris(11, 5, 7, 30), quiet.EmailDueAt(Topic.RegistrationUpdate, Paris(11, 5, 7, 30)));
        // Summer time: the same Paris hours, another UTC offset.
        Assert.Equal(Paris(7, 2, 7, 30), quiet.EmailDueAt(Topic.Article, Paris(7, 1, 23, 0)));
        Assert.Equal(new DateTime(2030, 7, 2, 5, 30, 0, DateTimeKind.Utc), quiet.EmailDueAt(Topic.Article, Paris(7, 1, 23, 0)));
    }

    [Fact]
    public void Quiet_hours_within_a_day_hold_an_email_until_they_end()
    {
        var lunch = new Preferences { QuietFrom = new TimeOnly(12, 0), QuietUntil = new TimeOnly(14, 0) };

        Assert.Equal(Paris(11, 4, 14, 0), lunch.EmailDueAt(Topic.Welcome, Paris(11, 4, 12, 30)));
        Assert.Equal(Paris(11, 4, 22, 0), lunch.EmailDueAt(Topic.Welcome, Paris(11, 4, 22, 0)));
    }

    [Fact]
    public void The_digest_gathers_announcements_and_articles_for_eight_in_the_morning_but_not_personal_mail()
    {
        var digest = new Preferences { DailyDigest = true };

        Assert.Equal(Paris(11, 5, 8, 0), digest.EmailDueAt(Topic.EventAnnouncement, Paris(11, 4, 9, 0)));
        Assert.Equal(Paris(11, 4, 8, 0), digest.EmailDueAt(Topic.Article, Paris(11, 4, 7, 0)));
        Assert.Equal(Paris(11, 4, 9, 0), digest.EmailDueAt(Topic.RegistrationUpdate, Paris(11, 4, 9, 0)));
        // The night clocks go forward (31 March 2030) changes nothing at eight.
        Assert.Equal(Paris(3, 31, 8, 0), digest.EmailDueAt(Topic.Article, Paris(3, 30, 12, 0)));
    }

    [Fact]
    public void A_change_to_a_registered_event_leaves_at_once_whatever_the_hour_or_the_digest()
    {
        var both = new Preferences { DailyDigest = true, QuietFrom = new TimeOnly(21, 0), QuietUntil = new TimeOnly(7, 30) };

        Assert.Equal(Paris(11, 4, 23, 0), both.EmailDueAt(Topic.EventChange, Paris(11, 4, 23, 0)));
        // The digest's hour inside quiet hours waits for their end.
        var late = new Preferences { DailyDigest = true, QuietFrom = new TimeOnly(7, 0), QuietUntil = new TimeOnly(9, 0) };
        Assert.Equal(Paris(11, 5, 9, 0), late.EmailDueAt(Topic.Article, Paris(11, 4, 10, 0)));
    }
}
