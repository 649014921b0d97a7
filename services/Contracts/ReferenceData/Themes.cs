namespace CircularPlatform.Contracts;

/// <summary>The club's one shared taxonomy of themes.</summary>
public static class Themes
{
    public static IReadOnlyList<Theme> All { get; } =
    [
        new("bio-waste", new() { Fr = "Biodéchets et outils de traitement", En = "Bio-waste and its treatment tools" }, ["02", "20 01 08", "20 02"]),
        new("batteries", new() { Fr = "Batteries en fin de vie : boucles et réemploi", En = "End-of-life batteries: loops and reuse" }, ["16 06"]),
        new("soil-decontamination", new() { Fr = "Dépollution des sols", En = "Soil decontamination" }, ["17 05", "19 13"]),
        new("electronic-boards", new() { Fr = "Recyclage des cartes électroniques", En = "Recycling of electronic boards" }, ["16 02"]),
        new("building-materials", new() { Fr = "Réemploi et recyclage des matériaux du bâtiment", En = "Reuse and recycling of building materials" }, ["17"]),
        new("water", new() { Fr = "Eau et nappes phréatiques", En = "Water and groundwater" }, []),
        new("local-food", new() { Fr = "Systèmes alimentaires locaux durables", En = "Sustainable local food systems" }, []),
        new("industrial-synergies", new() { Fr = "Synergies et écologie industrielles", En = "Industrial synergies and ecology" }, []),
        new("funding", new() { Fr = "Financements et dispositifs d'accompagnement", En = "Funding and support programmes" }, []),
    ];

    private static readonly Dictionary<string, Theme> BySlug =
        All.ToDictionary(t => t.Slug, StringComparer.OrdinalIgnoreCase);

    public static bool TryFind(string slug, out Theme theme) => BySlug.TryGetValue(slug, out theme!);

    public static bool Exists(string slug) => BySlug.ContainsKey(slug);

    /// <summary>
    /// The official slugs of the themes a client listed, in its order and without repeats; each
    /// entry that names no theme is reported with its position, so the client learns which one.
    /// </summary>
    public static List<string> Resolve(IReadOnlyList<string?> slugs, Action<int, string?> unknown)
    {
        var resolved = new List<string>(slugs.Count);
        for (var i = 0; i < slugs.Count; i++)
        {
            if (slugs[i] is { } slug && TryFind(slug, out var theme))
            {
                if (!resolved.Contains(theme.Slug))
                {
                    resolved.Add(theme.Slug);
                }
            }
            else
            {
                unknown(i, slugs[i]);
            }
        }
        return resolved;
    }

    /// <summary>
    /// A list filter by theme: true with no slug when none was asked for, true with the official slug
    /// when it names a theme, false when it names none.
    /// </summary>
    public static bool TryFilter(string? text, out string? slug)
    {
        slug = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        if (!TryFind(text, out var theme))
        {
            return false;
        }
        slug = theme.Slug;
        return true;
    }

    /// <summary>What a client is told about an entry of a theme list that names no theme.</summary>
    public static string UnknownReason(string? slug) =>
        $"'{slug}' is not one of the club's themes (see GET /api/members/themes).";
}
