using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CircularPlatform.Bench.Report;

/// <summary>One line of the table: a figure, its value, the target, and whether it is met (null: no target, or not measured).</summary>
public sealed record FigureRow(string Figure, string Value, string Target, bool? Met);

/// <summary>The table and every raw number behind it.</summary>
public sealed class BenchReport
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

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

    /// <summary>By figure number (the text before the first dot), in the order measured within a figure.</summary>
    private IEnumerable<FigureRow> Ordered() =>
        Rows.OrderBy(row => int.TryParse(row.Figure.Split('.')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : int.MaxValue);

    public async Task<(string Markdown, string Json)> WriteAsync(string folder, string name, string heading)
    {
        Directory.CreateDirectory(folder);
        var markdown = Path.Combine(folder, name + ".md");
        var json = Path.Combine(folder, name + ".json");
        await File.WriteAllTextAsync(markdown, Markdown(heading));
        Raw["table"] = JsonSerializer.SerializeToNode(Ordered().ToList(), Json);
        Raw["notes"] = JsonSerializer.SerializeToNode(Notes, Json);
        await File.WriteAllTextAsync(json, Raw.ToJsonString(Json));
        return (markdown, json);
    }

    public static string Number(double value, int decimals = 0) => value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
