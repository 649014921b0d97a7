using CircularPlatform.Notifications.Model;
using CircularPlatform.ServiceDefaults.Http;

namespace CircularPlatform.Notifications.Apis;

/// <summary>A notification as the member reads it, in their language, with the event as it now stands.</summary>
public sealed record NotificationText(string Language, string Title, string Body)
{
    /// <param name="titleFr">The title of the event or the article it is about, if known.</param>
    public static NotificationText Write(Notification n, string language, string? titleFr, string? titleEn)
    {
        var english = language == ReaderLanguage.English;
        // Not heard of yet (facts arrive on separate queues): the text stays true without the title.
        var title = english ? titleEn ?? titleFr : titleFr;
        var quoted = title is null ? null : english ? $"“{title}”" : $"« {title} »";
        var theEvent = quoted ?? (english ? "this event" : "cet événement");
        var (heading, body) = (n.Kind, english) switch
        {
            (NotificationKind.RegistrationConfirmed, false) => ("Inscription confirmée", $"Votre place pour {theEvent} est réservée. Votre code d'accueil est dans votre inscription."),
            (NotificationKind.RegistrationConfirmed, true) => ("Registration confirmed", $"Your seat at {theEvent} is booked. Your check-in code is in your registration."),
            (NotificationKind.RegistrationWaitlisted, false) => ("Sur liste d'attente", $"Vous êtes n° {n.Position} sur la liste d'attente de {theEvent}. Nous vous prévenons si une place se libère."),
            (NotificationKind.RegistrationWaitlisted, true) => ("On the waitlist", $"You are number {n.Position} on the waitlist for {theEvent}. We will tell you if a seat frees up."),
            (NotificationKind.RegistrationPromoted, false) => ("Une place s'est libérée", $"Vous avez maintenant une place pour {theEvent}. Votre code d'accueil est dans votre inscription."),
            (NotificationKind.RegistrationPromoted, true) => ("A seat freed up", $"You now have a seat at {theEvent}. Your check-in code is in your registration."),
            (NotificationKind.RegistrationCancelled, false) => ("Inscription annulée", $"Votre inscription à {theEvent} est annulée."),
            (NotificationKind.RegistrationCancelled, true) => ("Registration cancelled", $"Your registration for {theEvent} is cancelled."),
            (NotificationKind.EventAnnounced, false) => ("Nouvel événement", $"{Capitalised(theEvent)} est au programme du club."),
            (NotificationKind.EventAnnounced, true) => ("New event", $"{Capitalised(theEvent)} is on the club's calendar."),
            (NotificationKind.EventRescheduled, false) => ("Événement déplacé", $"{Capitalised(theEvent)} change de date ou de lieu : voyez le nouveau programme."),
            (NotificationKind.EventRescheduled, true) => ("Event moved", $"{Capitalised(theEvent)} has a new time or place: see the new details."),
            (NotificationKind.EventCancelled, false) => ("Événement annulé", $"{Capitalised(theEvent)} est annulé." + (n.Reason is { } r ? $" Motif : {r}" : "")),
            (NotificationKind.EventCancelled, true) => ("Event cancelled", $"{Capitalised(theEvent)} is cancelled." + (n.Reason is { } r ? $" Reason: {r}" : "")),
            (NotificationKind.ArticlePublished, false) => ("Nouvel article", quoted is null ? "Un nouvel article sur vos thèmes est publié." : $"Nouvel article sur vos thèmes : {quoted}."),
            (NotificationKind.ArticlePublished, true) => ("New article", quoted is null ? "A new article on your themes is published." : $"New article on your themes: {quoted}."),
            (_, false) => ("Bienvenue au club", "Votre adhésion au club d'économie circulaire de Lens-Liévin est validée."),
            (_, true) => ("Welcome to the club", "Your membership of the Lens-Liévin circular economy club is approved."),
        };
        return new NotificationText(english ? ReaderLanguage.English : ReaderLanguage.French, heading, body);
    }

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
