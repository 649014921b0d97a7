using CircularPlatform.Contracts;
using CircularPlatform.Knowledge.Model;

namespace CircularPlatform.Bench.Figures;

/// <summary>
/// Bilingual articles as the club writes them: a theme's vocabulary in French and English, in
/// sentences of the kind members share (what was done, where, with what result), a title, a
/// summary and a Markdown body of a few paragraphs; kinds, themes, organisations and publication
/// dates spread over five years; one in four in French only. Deterministic for a given seed.
/// </summary>
public sealed class GeneratedArticles(int seed)
{
    /// <summary>Per theme, pairs of French and English terms that its articles speak of.</summary>
    private static readonly Dictionary<string, (string Fr, string En)[]> Vocabulary = new()
    {
        ["bio-waste"] = [("biodéchets", "bio-waste"), ("compostage", "composting"), ("méthanisation", "anaerobic digestion"), ("digestat", "digestate"),
            ("déchets verts", "green waste"), ("collecte séparée", "separate collection"), ("restauration collective", "school catering"), ("gaspillage alimentaire", "food waste")],
        ["batteries"] = [("batteries", "batteries"), ("piles usagées", "spent cells"), ("seconde vie", "second life"), ("lithium", "lithium"),
            ("boucle de réemploi", "reuse loop"), ("stockage stationnaire", "stationary storage"), ("démantèlement", "dismantling"), ("véhicules électriques", "electric vehicles")],
        ["soil-decontamination"] = [("dépollution des sols", "soil remediation"), ("friches industrielles", "brownfield sites"), ("phytoremédiation", "phytoremediation"),
            ("terres excavées", "excavated soil"), ("hydrocarbures", "hydrocarbons"), ("métaux lourds", "heavy metals"), ("terrils", "slag heaps"), ("biotertre", "biopile")],
        ["electronic-boards"] = [("cartes électroniques", "circuit boards"), ("métaux précieux", "precious metals"), ("équipements électriques", "electrical equipment"),
            ("déchets électroniques", "electronic waste"), ("reconditionnement", "refurbishment"), ("cuivre", "copper"), ("broyage", "shredding"), ("affinage", "refining")],
        ["building-materials"] = [("réemploi des matériaux", "reuse of materials"), ("déconstruction", "deconstruction"), ("briques", "bricks"), ("béton recyclé", "recycled concrete"),
            ("gravats", "rubble"), ("diagnostic ressources", "pre-demolition audit"), ("plateforme de réemploi", "reuse platform"), ("menuiseries", "joinery")],
        ["water"] = [("nappe phréatique", "groundwater"), ("eaux pluviales", "rainwater"), ("eaux usées", "wastewater"), ("économie d'eau", "water saving"),
            ("forages", "boreholes"), ("infiltration", "infiltration"), ("station d'épuration", "treatment plant"), ("réutilisation des eaux", "water reuse")],
        ["local-food"] = [("circuits courts", "short supply chains"), ("maraîchage", "market gardening"), ("producteurs locaux", "local growers"), ("légumerie", "vegetable processing"),
            ("cantines", "canteens"), ("agriculture urbaine", "urban farming"), ("jardins partagés", "community gardens"), ("approvisionnement local", "local sourcing")],
        ["industrial-synergies"] = [("synergies industrielles", "industrial synergies"), ("chaleur fatale", "waste heat"), ("coproduits", "by-products"), ("mutualisation", "pooling"),
            ("zone d'activités", "business park"), ("flux de matières", "material flows"), ("écologie industrielle", "industrial ecology"), ("palettes", "pallets")],
        ["funding"] = [("appel à projets", "call for projects"), ("subvention", "grant"), ("accompagnement", "support"), ("fonds européens", "European funds"),
            ("investissement", "investment"), ("prêt d'honneur", "interest-free loan"), ("ingénierie financière", "financial engineering"), ("aide régionale", "regional aid")],
    };

    private static readonly string[] Places = ["Lens", "Liévin", "Harnes", "Avion", "Loos-en-Gohelle", "Méricourt", "Wingles", "Hulluch", "Grenay", "Vendin-le-Vieil"];

    private static readonly (string Fr, string En)[] Openings =
    [
        ("Retour d'expérience sur {0} à {1}", "Feedback on {0} in {1}"),
        ("Comment réussir {0} : le cas de {1}", "Getting {0} right: the case of {1}"),
        ("Guide pratique : {0} et {2}", "Practical guide: {0} and {2}"),
        ("{0} à {1} : bilan après deux ans", "{0} in {1}: two years on"),
        ("Bonnes pratiques pour {0}", "Good practice for {0}"),
    ];

    private static readonly (string Fr, string En)[] Sentences =
    [
        ("Le projet de {1} associe {0} et {2} pour réduire les coûts de l'entreprise.", "The {1} project combines {0} and {2} to cut the company's costs."),
        ("Nous avons commencé par un diagnostic de {0} avec les équipes techniques.", "We began with an assessment of {0} with the technical teams."),
        ("La collectivité a financé une partie de {2} grâce à l'économie réalisée.", "The council funded part of the {2} from the savings made."),
        ("Les résultats montrent une baisse de trente pour cent des déchets et une meilleure valorisation de {0}.", "The results show a thirty per cent fall in waste and better recovery of {0}."),
        ("Les salariés ont été formés à {2} pendant trois mois.", "Staff were trained in {2} over three months."),
        ("Cette démarche d'économie circulaire s'inscrit dans la transition énergétique du territoire.", "This circular economy approach is part of the area's energy transition."),
        ("Les partenaires du club ont partagé leurs recommandations sur {0} et le recyclage.", "The club's partners shared their recommendations on {0} and recycling."),
        ("Un suivi régulier de {2} permet d'ajuster les pratiques chaque saison.", "Regular monitoring of {2} lets the practices be adjusted each season."),
    ];

    private readonly Random _random = new(seed);
    private readonly Guid[] _organisations = [.. Enumerable.Range(0, 200).Select(i => new Guid(i + 1, 0, 0, new byte[8]))];
    private readonly Guid _author = Guid.CreateVersion7();
    private readonly Guid _reviewer = Guid.CreateVersion7();

    /// <summary>The organisations the articles speak for, for the queries' filters.</summary>
    public IReadOnlyList<Guid> Organisations => _organisations;

    /// <summary>A published article, written, submitted and approved on its publication day (its one revision is not stored).</summary>
    public Article Next(DateTime latest)
    {
        var theme = Themes.All[_random.Next(Themes.All.Count)].Slug;
        var words = Vocabulary[theme];
        (string Fr, string En) Term() => words[_random.Next(words.Length)];
        var (a, b, c) = (Term(), Term(), Term());
        var place = Places[_random.Next(Places.Length)];
        var opening = Openings[_random.Next(Openings.Length)];
        var english = _random.Next(4) > 0;
        string Body(bool french) => string.Join("\n\n", Enumerable.Range(0, 3).Select(p =>
            (p == 0 ? "" : $"## {(french ? "Étape" : "Step")} {p}\n\n") + string.Join(" ", Enumerable.Range(0, 4).Select(_ =>
            {
                var s = Sentences[_random.Next(Sentences.Length)];
                var (x, y) = (Term(), Term());
                return french ? string.Format(s.Fr, $"**{x.Fr}**", place, y.Fr) : string.Format(s.En, $"**{x.En}**", place, y.En);
            }))));
        var kind = ArticleKinds.All[_random.Next(ArticleKinds.All.Count)];
        var content = new ArticleContent
        {
            Kind = kind,
            TitleFr = Capitalise(string.Format(opening.Fr, a.Fr, place, b.Fr)),
            TitleEn = english ? Capitalise(string.Format(opening.En, a.En, place, b.En)) : null,
            SummaryFr = $"{Capitalise(a.Fr)}, {b.Fr} et {c.Fr} à {place}.",
            SummaryEn = english ? $"{Capitalise(a.En)}, {b.En} and {c.En} in {place}." : null,
            BodyFr = Body(french: true),
            BodyEn = english ? Body(french: false) : null,
            Themes = _random.Next(5) == 0 ? [theme, "funding"] : [theme],
            Tags = [],
            OrganisationId = _organisations[_random.Next(_organisations.Length)],
            Link = kind == ArticleKinds.Programme ? "https://aides.example.org/programme" : null,
        };
        var published = latest.AddMinutes(-_random.Next(5 * 365 * 24 * 60));
        var (article, _) = Article.Draft(content, _author, published.AddDays(-2));
        article.TrySubmit(published.AddDays(-1), out _);
        article.TryApprove(_reviewer, published, out _);
        return article;
    }

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
