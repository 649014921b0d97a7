using CircularPlatform.Notifications.Infrastructure.Mailing;
using CircularPlatform.Notifications.Model;
using MimeKit;

namespace CircularPlatform.Notifications.Tests;

/// <summary>How an email reads: its language, its two parts, its headers, and markup that never gets through.</summary>
public sealed class MailComposerTests
{
    private static readonly DateTime Now = new(2030, 11, 20, 9, 0, 0, DateTimeKind.Utc);
    private readonly MailComposer _composer = new(MailboxAddress.Parse("Club <club@example.test>"), new Uri("https://club.example.test/"));

    [Fact]
    public void An_announcement_in_French_has_a_text_and_an_HTML_part_the_event_in_Paris_time_and_the_one_click_headers()
    {
        var theEvent = Event("Réemploi des matériaux", "Reuse of building materials");
        var message = _composer.Compose(Letter("fr", "Camille", Announced(theEvent)), Subjects(theEvent), Now);

        Assert.Equal("Nouvel événement : Réemploi des matériaux", message.Subject);
        Assert.Equal("camille@recyclerie.test", message.To.Mailboxes.Single().Address);
        Assert.StartsWith("Bonjour Camille,", message.TextBody);
        // 08:00 UTC in December is 09:00 in Paris.
        Assert.Contains("Quand : mardi 3 décembre 2030, 09:00–12:00 (heure de Paris)", message.TextBody);
        Assert.Contains("Où : Salle Arc-en-Ciel, Liévin", message.TextBody);
        Assert.Contains($"https://club.example.test/api/events/{theEvent.EventId}/calendar.ics?lang=fr", message.HtmlBody);
        Assert.Contains("<html lang=\"fr\">", message.HtmlBody);
        Assert.Equal("<https://club.example.test/api/notifications/unsubscribe?token=signed>", message.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
        Assert.Equal("auto-generated", message.Headers["Auto-Submitted"]);
        Assert.EndsWith("@club.example.test", message.MessageId);
        Assert.Equal("multipart/alternative", message.Body!.ContentType.MimeType);
    }

    [Fact]
    public void In_English_the_same_email_reads_in_English()
    {
        var theEvent = Event("Réemploi des matériaux", "Reuse of building materials");
        var message = _composer.Compose(Letter("en", "Alex", Announced(theEvent)), Subjects(theEvent), Now);

        Assert.Equal("New event: Reuse of building materials", message.Subject);
        Assert.Contains("When: Tuesday 3 December 2030, 09:00–12:00 (Paris time)", message.TextBody);
        Assert.Contains("Unsubscribe: https://club.example.test/api/notifications/unsubscribe?token=signed", message.TextBody);
    }

    [Fact]
    public void Markup_in_a_title_or_a_name_is_shown_as_text_never_run()
    {
        var theEvent = Event("<script>alert('x')</script>", null);
        var message = _composer.Compose(Letter("fr", "<img src=x onerror=alert(1)>", Announced(theEvent)), Subjects(theEvent), Now);

        Assert.DoesNotContain("<script>", message.HtmlBody);
        Assert.DoesNotContain("<img", message.HtmlBody);
        Assert.Contains("&lt;script&gt;", message.HtmlBody);
        // Accented letters stay as they are in the UTF-8 part.
        Assert.Contains("Nouvel événement", message.HtmlBody);
    }

    [Fact]
    public void Account_mail_carries_its_link_and_expiry_but_no_unsubscribe()
    {
        var reset = Mail.ForAccount(Guid.NewGuid(), NotificationKind.PasswordReset, "password-reset:1", "dominique@ressourcerie.test", "Dominique", "fr",
            "https://club.example.test/api/members/auth/password-reset?token=t0k", new DateTime(2030, 7, 1, 10, 0, 0, DateTimeKind.Utc), Now);
        var message = _composer.Compose(new Letter(reset.Id, reset.To!, reset.DisplayName, "fr", [reset], null), new Subjects(new Dictionary<Guid, Announcement>(), new Dictionary<Guid, PublishedArticle>()), Now);

        Assert.StartsWith("Nouveau mot de passe", message.Subject);
        Assert.Contains("Choisir un nouveau mot de passe : https://club.example.test/api/members/auth/password-reset?token=t0k", message.TextBody);
        // 10:00 UTC in July is 12:00 in Paris.
        Assert.Contains("1 juillet 2030, 12:00", message.TextBody);
        Assert.Null(message.Headers["List-Unsubscribe"]);
    }

    [Fact]
    public void A_digest_gathers_its_items_under_one_subject()
    {
        var first = Event("Compostage collectif", null);
        var second = Event("Batteries : seconde vie", null);
        var items = new[] { Announced(first, digest: true), Announced(second, digest: true) };
        var message = _composer.Compose(new Letter(items[0].Id, "camille@recyclerie.test", "Camille", "fr", items, "signed"), Subjects(first, second), Now);

        Assert.Equal("Votre sélection du jour (2)", message.Subject);
        Assert.Contains("« Compostage collectif » est au programme du club.", message.TextBody);
        Assert.Contains("« Batteries : seconde vie » est au programme du club.", message.TextBody);
    }

    [Fact]
    public void Retries_wait_longer_each_time_up_to_the_ceiling()
    {
        var options = new MailOptions { FirstRetryDelay = TimeSpan.FromSeconds(30), MaxRetryDelay = TimeSpan.FromMinutes(5) };
        Assert.Equal([30, 60, 120, 240, 300, 300], Enumerable.Range(1, 6).Select(n => options.RetryDelay(n).TotalSeconds));

        var mail = Announced(Event("Compostage collectif", null));
        Assert.False(mail.Failed("421 try later", Now, TimeSpan.FromSeconds(30)));
        Assert.Equal(Now.AddSeconds(30), mail.DueAt);
        Assert.True(mail.Pending);
        Assert.True(mail.Failed("550 no such user", Now, null));
        Assert.False(mail.Pending);
        Assert.Equal(2, mail.Attempts);
    }

    private static Announcement Event(string titleFr, string? titleEn) => Announcement.ForScheduledEvent(
        Guid.NewGuid(), titleFr, titleEn, "round-table", ["building-materials"],
        new DateTime(2030, 12, 3, 8, 0, 0, DateTimeKind.Utc), new DateTime(2030, 12, 3, 11, 0, 0, DateTimeKind.Utc), "Liévin", "Salle Arc-en-Ciel", Now);

    private static Mail Announced(Announcement theEvent, bool digest = false) => Mail.For(Guid.NewGuid(),
        new Tidings(NotificationKind.EventAnnounced, Topic.EventAnnouncement, $"event-announced:{theEvent.EventId}", theEvent.EventId), Now, Now, digest);

    private static Letter Letter(string language, string name, Mail mail) => new(mail.Id, "camille@recyclerie.test", name, language, [mail], "signed");

    private static Subjects Subjects(params Announcement[] events) =>
        new(events.ToDictionary(e => e.EventId), new Dictionary<Guid, PublishedArticle>());
}
