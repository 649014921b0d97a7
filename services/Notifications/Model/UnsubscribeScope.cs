namespace CircularPlatform.Notifications.Model;

/// <summary>What a one-click unsubscribe turns off: the kind of email it came with.</summary>
public enum UnsubscribeScope : byte
{
    EventAnnouncements = 1,
    Articles = 2,
    RegistrationUpdates = 3,
    /// <summary>The daily digest: the announcements and articles it gathers.</summary>
    Digest = 4,
    /// <summary>Every email but those about an event the member registered for.</summary>
    AllEmail = 5,
}

public static class UnsubscribeScopes
{
    public static UnsubscribeScope Of(Topic topic, bool digest) => digest ? UnsubscribeScope.Digest : topic switch
    {
        Topic.EventAnnouncement => UnsubscribeScope.EventAnnouncements,
        Topic.Article => UnsubscribeScope.Articles,
        Topic.RegistrationUpdate => UnsubscribeScope.RegistrationUpdates,
        _ => UnsubscribeScope.AllEmail,
    };

    /// <summary>What the member is told it turns off, in their language.</summary>
    public static string Describe(UnsubscribeScope scope, string language) => (scope, language == "en") switch
    {
        (UnsubscribeScope.EventAnnouncements, false) => "les annonces des nouveaux événements du club",
        (UnsubscribeScope.EventAnnouncements, true) => "announcements of the club's new events",
        (UnsubscribeScope.Articles, false) => "les nouveaux articles sur vos thèmes",
        (UnsubscribeScope.Articles, true) => "new articles on your themes",
        (UnsubscribeScope.RegistrationUpdates, false) => "les nouvelles de vos inscriptions (confirmations, liste d'attente, rappels)",
        (UnsubscribeScope.RegistrationUpdates, true) => "news of your registrations (confirmations, waitlist, reminders)",
        (UnsubscribeScope.Digest, false) => "la sélection quotidienne (annonces d'événements et articles)",
        (UnsubscribeScope.Digest, true) => "the daily digest (event announcements and articles)",
        (_, false) => "tous les courriels du club, sauf les changements et annulations des événements où vous êtes inscrit",
        (_, true) => "every email from the club, except changes and cancellations of events you registered for",
    };
}
