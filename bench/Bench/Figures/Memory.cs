using CircularPlatform.Bench.Measure;
using CircularPlatform.Bench.Report;
using static CircularPlatform.Bench.Report.BenchReport;

namespace CircularPlatform.Bench.Figures;

/// <summary>Figure 6: resident memory per role, idle and at the peak of figures 1–4.</summary>
public static class Memory
{
    private static readonly string[] Services = ["members", "events", "knowledge", "notifications", "gateway"];

    public static void Report(IReadOnlyDictionary<string, RoleMemory>? idle, IReadOnlyDictionary<string, RoleMemory> peak, BenchReport report)
    {
        report.Record("memory", new { idle, peak });
        var roles = (idle?.Keys ?? []).Union(peak.Keys).Order(StringComparer.Ordinal);
        foreach (var role in roles)
        {
            var idleText = idle is not null && idle.TryGetValue(role, out var i) ? Mb(i) : "–";
            var peakText = peak.TryGetValue(role, out var p) ? Mb(p) : "–";
            var isService = Services.Contains(role);
            report.Add($"6. memory of {role}: idle → peak", $"{idleText} → {peakText}",
                isService ? "≤ 200 MB at peak" : "",
                isService && p is not null ? p.LargestMb <= 200 : null);
        }
        var idleTotal = idle?.Values.Sum(r => r.TotalMb);
        report.Add("6. memory of every process of the run: idle → peak",
            $"{(idleTotal is null ? "–" : Number(idleTotal.Value) + " MB")} → {Number(peak.Values.Sum(r => r.TotalMb))} MB");
    }

    private static string Mb(RoleMemory memory) =>
        memory.Processes == 1 ? $"{Number(memory.TotalMb)} MB" : $"{Number(memory.TotalMb)} MB ({memory.Processes} processes, largest {Number(memory.LargestMb)})";
}
