using System.Globalization;

namespace CircularPlatform.Bench;

/// <summary>How much load each figure gets: the full sizes of the targets, or tiny ones that only prove the program still works.</summary>
public sealed record BenchSizes(
    int SeededEvents,
    TimeSpan LoadDuration,
    TimeSpan WarmupRun,
    TimeSpan WarmupLimit,
    TimeSpan FirstWarmupMinimum,
    int Rounds,
    int Connections,
    IReadOnlyList<int> PropagationRates,
    TimeSpan PropagationDuration,
    int OutageEvents,
    int ColdStarts,
    int BurstMembers,
    int BurstSeats,
    int FanOutMembers,
    int SearchArticles)
{
    public static BenchSizes Full { get; } = new(
        SeededEvents: 300,
        LoadDuration: TimeSpan.FromSeconds(10),
        WarmupRun: TimeSpan.FromSeconds(10),
        WarmupLimit: TimeSpan.FromSeconds(150),
        FirstWarmupMinimum: TimeSpan.FromSeconds(90),
        Rounds: 3,
        Connections: 32,
        PropagationRates: [50, 200],
        PropagationDuration: TimeSpan.FromMinutes(1),
        OutageEvents: 10_000,
        ColdStarts: 3,
        BurstMembers: 1_000,
        BurstSeats: 100,
        FanOutMembers: 10_000,
        SearchArticles: 50_000);

    // No warm-up: the quick run proves the figures can be taken, not what they are.
    public static BenchSizes Quick { get; } = new(
        SeededEvents: 20,
        LoadDuration: TimeSpan.FromSeconds(1),
        WarmupRun: TimeSpan.Zero,
        WarmupLimit: TimeSpan.Zero,
        FirstWarmupMinimum: TimeSpan.Zero,
        Rounds: 1,
        Connections: 8,
        PropagationRates: [50],
        PropagationDuration: TimeSpan.FromSeconds(2),
        OutageEvents: 100,
        ColdStarts: 0,
        BurstMembers: 40,
        BurstSeats: 10,
        FanOutMembers: 200,
        SearchArticles: 300);
}

/// <param name="Placement">
/// <c>split</c>: every server process on CPU 0, the load generators (wrk and this program) on CPU 1,
/// so that neither steals the other's core; <c>shared</c>: nothing pinned, the kernel places all.
/// </param>
/// <param name="Figures">The figures to take (<c>--figures 1,2</c>); all by default. Memory (6) comes with the SQLite session.</param>
public sealed record BenchOptions(bool Quick, string OutputFolder, string Placement, bool Postgres, bool Sqlite = true, IReadOnlySet<int>? Figures = null)
{
    public static IReadOnlySet<int> AllFigures { get; } = new HashSet<int> { 1, 2, 3, 4, 5, 6, 7, 8, 9 };

    public bool Takes(int figure) => (Figures ?? AllFigures).Contains(figure);

    public bool TakesAny(params int[] figures) => figures.Any(Takes);

    public BenchSizes Sizes => Quick ? BenchSizes.Quick : BenchSizes.Full;

    public static bool TryParse(string[] args, string repositoryRoot, out BenchOptions options, out string? problem)
    {
        var quick = false;
        var output = Path.Combine(repositoryRoot, "bench", "results");
        var placement = "split";
        var sqlite = true;
        IReadOnlySet<int>? figures = null;
        // The PostgreSQL session costs a second start of the platform: the full run only, unless asked.
        var postgres = !args.Contains("--quick");
        problem = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--no-postgres":
                    postgres = false;
                    break;
                case "--postgres":
                    postgres = true;
                    break;
                case "--no-sqlite":
                    sqlite = false;
                    break;
                case "--out" when i + 1 < args.Length:
                    output = Path.GetFullPath(args[++i]);
                    break;
                case "--figures" when i + 1 < args.Length && TryParseFigures(args[i + 1], out var chosen):
                    figures = chosen;
                    i++;
                    break;
                case "--placement" when i + 1 < args.Length && args[i + 1] is "split" or "shared":
                    placement = args[++i];
                    break;
                default:
                    problem = string.Format(CultureInfo.InvariantCulture,
                        "Unknown or incomplete argument '{0}'. Use --quick, --postgres, --no-postgres, --no-sqlite, --figures 1,2,..., --out <folder>, --placement split|shared.", args[i]);
                    break;
            }
        }
        options = new BenchOptions(quick, output, placement, postgres, sqlite, figures);
        return problem is null;
    }

    private static bool TryParseFigures(string text, out IReadOnlySet<int> figures)
    {
        var chosen = new HashSet<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var figure) || !AllFigures.Contains(figure))
            {
                figures = chosen;
                return false;
            }
            chosen.Add(figure);
        }
        figures = chosen;
        return chosen.Count > 0;
    }
}
