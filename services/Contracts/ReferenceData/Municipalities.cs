namespace CircularPlatform.Contracts;

/// <summary>The 36 municipalities of the Communauté d'Agglomération de Lens-Liévin.</summary>
public static class Municipalities
{
    public static IReadOnlyList<string> All { get; } =
    [
        "Ablain-Saint-Nazaire", "Aix-Noulette", "Angres", "Annay", "Avion", "Bénifontaine",
        "Billy-Montigny", "Bouvigny-Boyeffles", "Bully-les-Mines", "Carency", "Éleu-dit-Leauwette",
        "Estevelles", "Fouquières-lès-Lens", "Givenchy-en-Gohelle", "Gouy-Servins", "Grenay", "Harnes",
        "Hulluch", "Lens", "Liévin", "Loison-sous-Lens", "Loos-en-Gohelle", "Mazingarbe", "Méricourt",
        "Meurchin", "Montigny-en-Gohelle", "Noyelles-sous-Lens", "Pont-à-Vendin", "Sains-en-Gohelle",
        "Sallaumines", "Servins", "Souchez", "Vendin-le-Vieil", "Villers-au-Bois", "Vimy", "Wingles",
    ];

    private static readonly Dictionary<string, string> ByKey =
        All.ToDictionary(Key, name => name, StringComparer.Ordinal);

    /// <summary>
    /// Finds the official spelling of a municipality whatever the case, accents, hyphens or
    /// spaces people type ("lievin", "BULLY LES MINES" and "Liévin" all match).
    /// </summary>
    public static bool TryFind(string? name, out string officialName)
    {
        officialName = string.Empty;
        if (string.IsNullOrWhiteSpace(name))
        {
            return false;
        }
        if (ByKey.TryGetValue(Key(name), out var found))
        {
            officialName = found;
            return true;
        }
        return false;
    }

    private static string Key(string name) => SearchKey.Of(name);
}
