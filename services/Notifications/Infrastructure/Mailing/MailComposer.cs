using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Text;
using CircularPlatform.Contracts;
using CircularPlatform.Notifications.Model;
using MimeKit;

namespace CircularPlatform.Notifications.Infrastructure.Mailing;

/// <summary>One email to write: one mail, or a member's digest of several, with whom it goes to.</summary>
public sealed record Letter(Guid Id, string To, string? Name, string Language, IReadOnlyList<Model.Mail> Items, string? UnsubscribeToken)
{
    public bool Digest => Items.Count > 1 || Items[0].Digest;
}

/// <summary>What a letter can say about the events and articles it names, as they stand when it leaves.</summary>
public sealed record Subjects(IReadOnlyDictionary<Guid, Announcement> Events, IReadOnlyDictionary<Guid, PublishedArticle> Articles);

/// <summary>
/// Writes a letter in the member's language (French or English): a plain-text part and an HTML part
/// with the same content, the event's time in Paris, place and calendar link, and, on everything
/// but account mail, the RFC 8058 one-click unsubscribe headers pointing at the public gateway.
/// </summary>
public sealed class MailComposer(MailboxAddress from, Uri publicBase)
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public Uri PublicBase { get; } = publicBase;

    public MimeMessage Compose(Letter letter, Subjects subjects, DateTime now)
    {
        var english = letter.Language == "en";
        var sections = letter.Items.Select(item => Describe(item, english, subjects)).ToList();
        var subject = letter.Digest
            ? (english ? $"Your daily digest ({sections.Count})" : $"Votre sélection du jour ({sections.Count})")
            : sections[0].Subject;
        var greeting = letter.Name is { Length: > 0 } name ? (english ? $"Hello {name}," : $"Bonjour {name},") : (english ? "Hello," : "Bonjour,");
        var unsubscribe = letter.UnsubscribeToken is { } token ? Link($"/api/notifications/unsubscribe?token={token}") : null;
        var preferences = Link("/api/notifications/me/preferences");

        var text = new StringBuilder().Append(greeting).Append("\r\n\r\n");
        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"").Append(letter.Language).Append("\"><head><meta charset=\"utf-8\"><title>")
            .Append(Encode(subject)).Append("</title></head><body style=\"font-family:Arial,Helvetica,sans-serif;color:#1d2a1f;max-width:640px\">")
            .Append("<p>").Append(Encode(greeting)).Append("</p>");
        foreach (var section in sections)
        {
            if (letter.Digest)
            {
                text.Append("## ").Append(section.Heading).Append("\r\n");
                html.Append("<h2 style=\"font-size:18px;color:#2e6b3a\">").Append(Encode(section.Heading)).Append("</h2>");
            }
            text.Append(section.Body).Append("\r\n");
            html.Append("<p>").Append(Encode(section.Body)).Append("</p>");
            if (section.Details.Count > 0)
            {
                html.Append("<ul>");
                foreach (var (label, value) in section.Details)
                {
                    text.Append(label).Append(english ? ": " : " : ").Append(value).Append("\r\n");
                    html.Append("<li><strong>").Append(Encode(label)).Append("</strong> ").Append(Encode(value)).Append("</li>");
                }
                html.Append("</ul>");
            }
            foreach (var (label, url) in section.Links)
            {
                text.Append(label).Append(english ? ": " : " : ").Append(url).Append("\r\n");
                html.Append("<p><a href=\"").Append(Encode(url)).Append("\" style=\"color:#2e6b3a\">").Append(Encode(label)).Append("</a></p>");
            }
            text.Append("\r\n");
        }

        var signature = english ? "The Lens-Liévin circular economy club" : "Le club d'économie circulaire de Lens-Liévin";
        text.Append("-- \r\n").Append(signature).Append("\r\n");
        html.Append("<hr><p style=\"font-size:12px;color:#5b6b5e\">").Append(Encode(signature));
        if (unsubscribe is not null)
        {
            var why = english ? "You receive this email because of your preferences on the club's platform." : "Vous recevez ce courriel selon vos préférences sur la plateforme du club.";
            var stop = english ? "Unsubscribe" : "Se désabonner";
            var choose = english ? "Your preferences" : "Vos préférences";
            text.Append(why).Append("\r\n").Append(stop).Append(": ").Append(unsubscribe).Append("\r\n").Append(choose).Append(": ").Append(preferences).Append("\r\n");
            html.Append("<br>").Append(Encode(why)).Append("<br><a href=\"").Append(Encode(unsubscribe)).Append("\">").Append(Encode(stop))
                .Append("</a> · <a href=\"").Append(Encode(preferences)).Append("\">").Append(Encode(choose)).Append("</a>");
        }
        html.Append("</p></body></html>");

        var message = new MimeMessage();
        message.From.Add(from);
        message.To.Add(new MailboxAddress(letter.Name ?? string.Empty, letter.To));
        message.Subject = subject;
        message.Date = new DateTimeOffset(DateTime.SpecifyKind(now, DateTimeKind.Utc));
        // The mail's id: a second try after a crash carries the same Message-Id, which lets the
        // receiving side see it is the same email.
        message.MessageId = $"{letter.Id:N}@{PublicBase.Host}";
        message.Headers.Add("Content-Language", letter.Language);
        // RFC 3834: sent by a program, so no out-of-office reply comes back.
        message.Headers.Add("Auto-Submitted", "auto-generated");
        if (unsubscribe is not null)
        {
            message.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        message.Body = new BodyBuilder { TextBody = text.ToString(), HtmlBody = html.ToString() }.ToMessageBody();
        return message;
    }

    private sealed record Section(string Subject, string Heading, string Body, List<(string Label, string Value)> Details, List<(string Label, string Url)> Links);

    private Section Describe(Model.Mail item, bool english, Subjects subjects)
    {
        var language = english ? "en" : "fr";
        var culture = english ? English : French;
        Announcement? theEvent = item.EventId is { } eventId && subjects.Events.TryGetValue(eventId, out var e) ? e : null;
        PublishedArticle? article = item.ArticleId is { } articleId && subjects.Articles.TryGetValue(articleId, out var a) ? a : null;
        var titleFr = theEvent?.TitleFr ?? article?.TitleFr;
        var titleEn = theEvent?.TitleEn ?? article?.TitleEn;
        var said = NotificationText.Write(item.Kind, item.Position, item.Reason, language, titleFr, titleEn);
        var about = english ? titleEn ?? titleFr : titleFr;
        var subject = about is null ? said.Title : $"{said.Title}{(english ? ": " : " : ")}{about}";
        var details = new List<(string, string)>();
        var links = new List<(string, string)>();

        if (item.Topic == Topic.Account && item.Link is { } link)
        {
            links.Add((english ? (item.Kind == NotificationKind.PasswordReset ? "Choose a new password" : "Confirm my address")
                : (item.Kind == NotificationKind.PasswordReset ? "Choisir un nouveau mot de passe" : "Confirmer mon adresse"), link));
            if (item.LinkExpiresAt is { } expires)
            {
                details.Add((english ? "Valid until" : "Valable jusqu'au",
                    $"{ParisTime.FromUtc(expires).ToString(english ? "d MMMM yyyy, HH:mm" : "d MMMM yyyy, HH:mm", culture)} ({(english ? "Paris time, once only" : "heure de Paris, une seule fois")})"));
            }
            subject = $"{said.Title} — {(english ? "Lens-Liévin circular economy club" : "club d'économie circulaire de Lens-Liévin")}";
        }
        if (theEvent is not null)
        {
            var starts = ParisTime.FromUtc(theEvent.StartsAt);
            var ends = ParisTime.FromUtc(theEvent.EndsAt);
            var when = starts.ToString(english ? "dddd d MMMM yyyy, HH:mm" : "dddd d MMMM yyyy, HH:mm", culture)
                + "–" + ends.ToString(starts.Date == ends.Date ? "HH:mm" : english ? "dddd d MMMM yyyy, HH:mm" : "dddd d MMMM yyyy, HH:mm", culture)
                + (english ? " (Paris time)" : " (heure de Paris)");
            details.Add((english ? "When" : "Quand", when));
            var where = string.Join(", ", new[] { theEvent.Venue, theEvent.Address, theEvent.Municipality }.Where(p => !string.IsNullOrWhiteSpace(p)));
            if (where.Length > 0)
            {
                details.Add((english ? "Where" : "Où", where));
            }
            if (theEvent.OnlineUrl is { Length: > 0 } online)
            {
                details.Add((english ? "Online" : "En ligne", online));
            }
            if (item.Kind == NotificationKind.EventReminder
                && (english ? theEvent.PracticalInformationEn ?? theEvent.PracticalInformationFr : theEvent.PracticalInformationFr) is { Length: > 0 } practical)
            {
                details.Add((english ? "Practical information" : "Informations pratiques", practical));
            }
            if (item.Kind != NotificationKind.EventCancelled)
            {
                links.Add((english ? "Add it to your calendar" : "L'ajouter à votre agenda", Link($"/api/events/{theEvent.EventId}/calendar.ics?lang={language}")));
            }
        }
        if (article is not null)
        {
            links.Add((english ? "Read the article" : "Lire l'article", Link($"/api/knowledge/articles/{article.ArticleId}?lang={language}")));
        }
        return new Section(subject, said.Title, said.Body, details, links);
    }

    private string Link(string pathAndQuery) => new Uri(PublicBase, pathAndQuery).ToString();

    private static string Encode(string text) => Html.Encode(text);

    /// <summary>Accented letters as they are (the part is UTF-8); markup characters escaped.</summary>
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);
}
