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
}
