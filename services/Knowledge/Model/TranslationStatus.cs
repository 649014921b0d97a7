namespace CircularPlatform.Knowledge.Model;

/// <summary>
/// Where an article's English stands against its French, the club's language that every article
/// has: none yet, asked for or behind the French, or written and up to date.
/// </summary>
/// <remarks>
/// Unless the author says otherwise, a save decides it: English changed in the save → done;
/// French changed while the English stayed as it was → pending (the English is now behind);
/// no English → missing, or still pending if a translation was asked for.
/// </remarks>
public enum TranslationStatus
{
    Missing,
    Pending,
    Done,
}
