using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CircularPlatform.Bench.Report;

/// <summary>One line of the table: a figure, its value, the target, and whether it is met (null: no target, or not measured).</summary>
public sealed record FigureRow(string Figure, string Value, string Target, bool? Met);

/// <summary>The table and every raw number behind it.</summary>
public sealed class BenchReport
{
    // A side that answered nothing in a short run (quick sizes on a busy machine) makes an infinite
    // ratio: written as "Infinity" rather than failing the figures after it.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public List<FigureRow> Rows { get; } = [];

    public JsonObject Raw { get; } = [];

    public List<string> Notes { get; } = [];

    public void Add(string figure, string value, string target = "", bool? met = null) => Rows.Add(new FigureRow(figure, value, target, met));

    public void Record(string key, object? value) => Raw[key] = JsonSerializer.SerializeToNode(value, Json);

    public string Markdown(string heading)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"## {heading}").AppendLine();
        text.AppendLine("| figure | value | target | met |");
        text.AppendLine("|---|---|---|---|");
        foreach (var row in Ordered())
        {
            var met = row.Met switch { true => "yes", false => "**no**", null => "" };
            text.AppendLine(CultureInfo.InvariantCulture, $"| {row.Figure} | {row.Value} | {row.Target} | {met} |");
        }
        if (Notes.Count > 0)
        {
            text.AppendLine();
            foreach (var note in Notes)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- {note}");
            }
        }
        return text.ToString();
    }

    /// <summary>By figure number, in the order measured within a figure.</summary>
    private IEnumerable<FigureRow> Ordered() => Rows.OrderBy(FigureOf);

    /// <summary>The figure number: the text before the first dot.</summary>
    private static int FigureOf(FigureRow row) =>
        int.TryParse(row.Figure.Split('.')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : int.MaxValue;

    /// <param name="only">
    /// The figures this run was asked for, when not all: their rows replace those of the same
    /// figures in the results already written there, and the other figures' rows and raw numbers
    /// stay as the earlier run left them (see <see cref="KeepEarlierFigures"/>).
    /// </param>
    public async Task<(string Markdown, string Json)> WriteAsync(string folder, string name, string heading, IReadOnlySet<int>? only = null)
    {
        Directory.CreateDirectory(folder);
        var markdown = Path.Combine(folder, name + ".md");
        var json = Path.Combine(folder, name + ".json");
        if (only is not null)
        {
            KeepEarlierFigures(json, only);
        }
        await File.WriteAllTextAsync(markdown, Markdown(heading));
        Raw["table"] = JsonSerializer.SerializeToNode(Ordered().ToList(), Json);
        Raw["notes"] = JsonSerializer.SerializeToNode(Notes, Json);
        await File.WriteAllTextAsync(json, Raw.ToJsonString(Json));
        return (markdown, json);
    }

    /// <summary>
    /// Merges a run of some figures into the results of earlier runs: this run's rows of the other
    /// figures go (memory, say, measured beside figure 8 alone, is not figure 6), the earlier rows
    /// of those figures come back, the earlier raw numbers stay under their keys unless this run
    /// recorded the same key, and <c>figuresFrom</c> and a note say which run each figure comes from
    /// (with the machine: the runs may not have had the same one).
    /// </summary>
    private void KeepEarlierFigures(string json, IReadOnlySet<int> asked)
    {
        if (!File.Exists(json) || JsonNode.Parse(File.ReadAllText(json)) is not JsonObject earlier)
        {
            return;
        }
        // A figure asked for that failed before its first row keeps its earlier rows.
        var measured = Rows.Select(FigureOf).Where(asked.Contains).ToHashSet();
        var earlierRows = earlier["table"]?.Deserialize<List<FigureRow>>(Json) ?? [];
        Rows.RemoveAll(row => !measured.Contains(FigureOf(row)));
        Rows.InsertRange(0, earlierRows.Where(row => !measured.Contains(FigureOf(row))));

        var from = earlier["figuresFrom"]?.DeepClone() as JsonObject ?? [];
        var earlierRun = Run(earlier);
        foreach (var figure in earlierRows.Select(FigureOf).Distinct())
        {
            var key = figure.ToString(CultureInfo.InvariantCulture);
            if (!from.ContainsKey(key))
            {
                from[key] = earlierRun;
            }
        }
        foreach (var figure in measured)
        {
            from[figure.ToString(CultureInfo.InvariantCulture)] = Run(Raw);
        }
        var ordered = new JsonObject();
        foreach (var (figure, run) in from.OrderBy(f => int.Parse(f.Key, CultureInfo.InvariantCulture)))
        {
            ordered[figure] = run?.DeepClone();
        }
        Raw["figuresFrom"] = ordered;
        foreach (var (key, value) in earlier)
        {
            if (key is not ("table" or "notes") && !Raw.ContainsKey(key))
            {
                Raw[key] = value?.DeepClone();
            }
        }

        // The earlier notes this run does not restate (by their first word: "Machine:", "Load:"...).
        var topics = Notes.Select(Topic).ToHashSet();
        Notes.AddRange((earlier["notes"]?.Deserialize<List<string>>(Json) ?? [])
            .Where(note => !topics.Contains(Topic(note)) && !note.StartsWith(FromNote, StringComparison.Ordinal)));
        Notes.Insert(0, FromNote + string.Join("; ", ordered
            .GroupBy(f => f.Value!.GetValue<string>(), f => f.Key)
            .Select(g => $"{(g.Count() == 1 ? "figure" : "figures")} {string.Join(", ", g)} from the run of {g.Key}")) + ".");
    }

    private const string FromNote = "Merged from runs of some figures each: ";

    private static string Topic(string note) => note.Split(':')[0];

    private static string Run(JsonObject raw) =>
        $"{raw["startedAt"]?.GetValue<DateTimeOffset>().UtcDateTime:yyyy-MM-dd HH:mm} UTC (commit {raw["commit"]}, {raw["machine"]?.GetValue<string>().Split(',')[0]})";

    public static string Number(double value, int decimals = 0) => value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
