namespace CircularPlatform.Notifications.Model;

/// <summary>What a notification is about, which decides who hears of it and how.</summary>
public enum Topic
{
    /// <summary>A new event on the calendar.</summary>
    EventAnnouncement,
    /// <summary>A member's own registration: confirmed, waitlisted, promoted, cancelled, a reminder.</summary>
    RegistrationUpdate,
    /// <summary>An event the member registered for moved or was called off.</summary>
    EventChange,
    /// <summary>A new article in the knowledge base.</summary>
    Article,
    /// <summary>The welcome of a new member.</summary>
    Welcome,
    /// <summary>A person's own account: verifying their address, resetting their password. Email only, always.</summary>
    Account,
}

[Flags]
public enum Channels
{
    None = 0,
    InApp = 1,
    Email = 2,
}

/// <summary>The targeting rules: who hears of what, on which channels.</summary>
public static class Audience
{
    /// <summary>
    /// The channels on which this member hears of something on <paramref name="topic"/> about
    /// <paramref name="themes"/> (announcements and articles). Members who left hear nothing;
    /// a change to an event they registered for, and the welcome, always reach them.
    /// </summary>
    public static Channels For(Recipient recipient, Topic topic, IReadOnlyCollection<string> themes)
    {
        if (!recipient.Active)
        {
            return Channels.None;
        }
        var email = recipient.Email is null ? Channels.None : Channels.Email;
        if (topic is Topic.EventChange or Topic.Welcome)
        {
            return Channels.InApp | email;
        }
        var preferences = recipient.Preferences;
        var interested = topic switch
        {
            Topic.EventAnnouncement => preferences.EventAnnouncements && Concerns(recipient, themes, preferences.AllEvents),
            Topic.Article => preferences.Articles && Concerns(recipient, themes, everything: false),
            _ => preferences.RegistrationUpdates,
        };
        if (!interested)
        {
            return Channels.None;
        }
        return (preferences.InApp ? Channels.InApp : Channels.None) | (preferences.Email && preferences.EmailsOn(topic) ? email : Channels.None);
    }

    /// <summary>On one of the member's themes that they have not muted; or anything not muted for those who asked for everything.</summary>
    private static bool Concerns(Recipient recipient, IReadOnlyCollection<string> themes, bool everything)
    {
        var muted = recipient.Preferences.MutedThemes;
        if (everything)
        {
            // An event on no theme is for everybody; one only on muted themes is not.
            return themes.Count == 0 || themes.Any(t => !muted.Contains(t));
        }
        return themes.Any(t => recipient.Themes.Contains(t) && !muted.Contains(t));
    }
}
