using CircularPlatform.ServiceDefaults.Http;

namespace CircularPlatform.Notifications.Model;

/// <summary>A notification as the member reads it, in their language, with the event as it now stands.</summary>
public sealed record NotificationText(string Language, string Title, string Body)
{
    public static NotificationText Write(Notification n, string language, string? titleFr, string? titleEn) =>
        Write(n.Kind, n.Position, n.Reason, language, titleFr, titleEn);

    /// <param name="titleFr">The title of the event or the article it is about, if known.</param>
    public static NotificationText Write(NotificationKind kind, int? position, string? reason, string language, string? titleFr, string? titleEn)
    {
        var english = language == ReaderLanguage.English;
        // Not heard of yet (facts arrive on separate queues): the text stays true without the title.
        var title = english ? titleEn ?? titleFr : titleFr;
        var quoted = title is null ? null : english ? $"“{title}”" : $"« {title} »";
        var theEvent = quoted ?? (english ? "this event" : "cet événement");
        var (heading, body) = (kind, english) switch
        {
            (NotificationKind.RegistrationConfirmed, false) => ("Inscription confirmée", $"Votre place pour {theEvent} est réservée. Votre code d'accueil est dans votre inscription."),
            (NotificationKind.RegistrationConfirmed, true) => ("Registration confirmed", $"Your seat at {theEvent} is booked. Your check-in code is in your registration."),
            (NotificationKind.RegistrationWaitlisted, false) => ("Sur liste d'attente", $"Vous êtes n° {position} sur la liste d'attente de {theEvent}. Nous vous prévenons si une place se libère."),
            (NotificationKind.RegistrationWaitlisted, true) => ("On the waitlist", $"You are number {position} on the waitlist for {theEvent}. We will tell you if a seat frees up."),
            (NotificationKind.RegistrationPromoted, false) => ("Une place s'est libérée", $"Vous avez maintenant une place pour {theEvent}. Votre code d'accueil est dans votre inscription."),
            (NotificationKind.RegistrationPromoted, true) => ("A seat freed up", $"You now have a seat at {theEvent}. Your check-in code is in your registration."),
            (NotificationKind.RegistrationCancelled, false) => ("Inscription annulée", $"Votre inscription à {theEvent} est annulée."),
            (NotificationKind.RegistrationCancelled, true) => ("Registration cancelled", $"Your registration for {theEvent} is cancelled."),
            (NotificationKind.EventAnnounced, false) => ("Nouvel événement", $"{Capitalised(theEvent)} est au programme du club."),
            (NotificationKind.EventAnnounced, true) => ("New event", $"{Capitalised(theEvent)} is on the club's calendar."),
            (NotificationKind.EventRescheduled, false) => ("Événement déplacé", $"{Capitalised(theEvent)} change de date ou de lieu : voyez le nouveau programme."),
            (NotificationKind.EventRescheduled, true) => ("Event moved", $"{Capitalised(theEvent)} has a new time or place: see the new details."),
            (NotificationKind.EventCancelled, false) => ("Événement annulé", $"{Capitalised(theEvent)} est annulé." + (reason is { } r ? $" Motif : {r}" : "")),
            (NotificationKind.EventCancelled, true) => ("Event cancelled", $"{Capitalised(theEvent)} is cancelled." + (reason is { } r ? $" Reason: {r}" : "")),
            (NotificationKind.ArticlePublished, false) => ("Nouvel article", quoted is null ? "Un nouvel article sur vos thèmes est publié." : $"Nouvel article sur vos thèmes : {quoted}."),
            (NotificationKind.ArticlePublished, true) => ("New article", quoted is null ? "A new article on your themes is published." : $"New article on your themes: {quoted}."),
            (NotificationKind.EventReminder, false) => ("Rappel", $"{Capitalised(theEvent)} a lieu bientôt : votre place vous attend."),
            (NotificationKind.EventReminder, true) => ("Reminder", $"{Capitalised(theEvent)} is coming soon: your seat is waiting for you."),
            (NotificationKind.EmailVerification, false) => ("Confirmez votre adresse", "Confirmez votre adresse électronique pour finaliser votre inscription au club."),
            (NotificationKind.EmailVerification, true) => ("Confirm your address", "Confirm your email address to complete your sign-up to the club."),
            (NotificationKind.PasswordReset, false) => ("Nouveau mot de passe", "Vous avez demandé à choisir un nouveau mot de passe. Si ce n'est pas vous, ignorez ce message : rien ne change."),
            (NotificationKind.PasswordReset, true) => ("New password", "You asked to choose a new password. If it was not you, ignore this message: nothing changes."),
            (_, false) => ("Bienvenue au club", "Votre adhésion au club d'économie circulaire de Lens-Liévin est validée."),
            (_, true) => ("Welcome to the club", "Your membership of the Lens-Liévin circular economy club is approved."),
        };
        return new NotificationText(english ? ReaderLanguage.English : ReaderLanguage.French, heading, body);
    }

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
