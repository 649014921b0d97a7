namespace CircularPlatform.Bench.Measure;

/// <summary>Percentiles of a set of measurements (nearest rank), in the unit they were given in.</summary>
public sealed record Distribution(int Count, double P50, double P95, double P99, double Max, double Mean)
{
    public static Distribution Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return new Distribution(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }
        double Rank(double p) => sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new Distribution(sorted.Length, Rank(50), Rank(95), Rank(99), sorted[^1], sorted.Average());
    }

    public static double Median(IEnumerable<double> values) => Of(values).P50;
}
