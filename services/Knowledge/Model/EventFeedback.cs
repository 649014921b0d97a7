using System.Globalization;
using System.Text;
using CircularPlatform.Contracts;

namespace CircularPlatform.Knowledge.Model;

/// <summary>An event of the club that took place, as its completion told it.</summary>
public sealed record CompletedEvent(
    Guid EventId,
    string TitleFr,
    string? TitleEn,
    string? Kind,
    IReadOnlyList<string> Themes,
    DateTimeOffset? StartsAt,
    string? Municipality,
    int AttendeeCount,
    int ConfirmedCount);

/// <summary>
/// The feedback article the organisers of an event are asked to write once it took place: the
/// facts filled in (what, when, where, who came, a link back to the event), the rest a frame of
/// the questions a useful retour d'expérience answers, in French and English.
/// </summary>
public static class EventFeedback
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    // An event has themes of the club; should it carry none the knowledge base still needs one.
    private const string DefaultTheme = "industrial-synergies";

    public static ArticleContent Draft(CompletedEvent e)
    {
        var themes = e.Themes.Where(Themes.Exists).Distinct().Take(ArticleRules.MaxThemes).ToList();
        var titleEn = e.TitleEn ?? e.TitleFr;
        return new ArticleContent
        {
            Kind = ArticleKinds.Feedback,
            TitleFr = Cap($"Retour d'expérience : {e.TitleFr}", ArticleRules.TitleMaxLength),
            TitleEn = Cap($"Feedback: {titleEn}", ArticleRules.TitleMaxLength),
            SummaryFr = Cap($"Ce que {Quote(e.TitleFr, French)}{When(e, French)}{Where(e, French)} nous a appris.", ArticleRules.SummaryMaxLength),
            SummaryEn = Cap($"What {Quote(titleEn, English)}{When(e, English)}{Where(e, English)} taught us.", ArticleRules.SummaryMaxLength),
            BodyFr = Body(e, e.TitleFr, French),
            BodyEn = Body(e, titleEn, English),
            Themes = themes.Count > 0 ? themes : [DefaultTheme],
            Tags = e.Kind is { Length: > 0 and <= ArticleRules.TagMaxLength } kind ? [kind] : [],
            EventId = e.EventId,
        };
    }

    private static string Body(CompletedEvent e, string title, CultureInfo culture)
    {
        var fr = culture == French;
        var text = new StringBuilder();
        text.AppendLine(fr ? "## L'événement" : "## The event").AppendLine();
        text.Append("- ").Append(fr ? "Titre : " : "Title: ").AppendLine(Markdown(title));
        if (e.StartsAt is { } starts)
        {
            var paris = ParisTime.FromUtc(starts.UtcDateTime);
            text.Append("- ").Append(fr ? "Date : " : "Date: ")
                .AppendLine(paris.ToString(fr ? "dddd d MMMM yyyy 'à' HH'h'mm" : "dddd d MMMM yyyy 'at' HH:mm", culture));
        }
        if (!string.IsNullOrWhiteSpace(e.Municipality))
        {
            text.Append("- ").Append(fr ? "Lieu : " : "Place: ").AppendLine(Markdown(e.Municipality));
        }
        text.Append("- ").Append(fr ? "Participation : " : "Attendance: ")
            .AppendLine(fr
                ? $"{e.AttendeeCount} présent{(e.AttendeeCount > 1 ? "s" : "")} pour {e.ConfirmedCount} inscrit{(e.ConfirmedCount > 1 ? "s" : "")} confirmé{(e.ConfirmedCount > 1 ? "s" : "")}"
                : $"{e.AttendeeCount} attended of {e.ConfirmedCount} confirmed");
        text.Append("- ").Append(fr ? "[La page de l'événement]" : "[The event's page]").Append("(/api/events/").Append(e.EventId).AppendLine(")");
        foreach (var (heading, prompt) in fr
            ? new[]
            {
                ("Ce que nous voulions", "Les objectifs de l'événement, et pour qui."),
                ("Ce qui a marché", "Ce qu'un autre membre du club pourrait refaire tel quel."),
                ("Ce que nous changerions", "Les difficultés rencontrées et ce que nous ferions autrement."),
                ("Les suites", "Les contacts noués, les projets et les synergies qui en sont nés."),
            }
            : new[]
            {
                ("What we aimed for", "What the event set out to achieve, and for whom."),
                ("What worked", "What another member of the club could do again as it is."),
                ("What we would change", "The difficulties met and what we would do differently."),
                ("What came next", "The contacts made, and the projects and synergies that followed."),
            })
        {
            text.AppendLine().Append("## ").AppendLine(heading).AppendLine().Append('_').Append(prompt).AppendLine("_");
        }
        return text.ToString();
    }

    private static string Quote(string title, CultureInfo culture) => culture == French ? $"« {title} »" : $"“{title}”";

    private static string When(CompletedEvent e, CultureInfo culture) => e.StartsAt is { } starts
        ? (culture == French ? " du " : " on ") + ParisTime.FromUtc(starts.UtcDateTime).ToString("d MMMM yyyy", culture)
        : "";

    private static string Where(CompletedEvent e, CultureInfo culture) => string.IsNullOrWhiteSpace(e.Municipality)
        ? ""
        : (culture == French ? " à " : " in ") + e.Municipality;

    // The event's own words go into Markdown as text, not as markup.
    private static string Markdown(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (@"\`*_{}[]()#+-.!<>|~".Contains(c))
            {
                escaped.Append('\\');
            }
            escaped.Append(c);
        }
        return escaped.ToString();
    }

    private static string Cap(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
