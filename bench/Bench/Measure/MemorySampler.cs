using CircularPlatform.Bench.Platform;

namespace CircularPlatform.Bench.Measure;

/// <summary>
/// Resident memory of every process of a run, sampled every half second while the figures run:
/// the highest each process reached, summed per role (several monitors, the broker's processes).
/// </summary>
public sealed class MemorySampler : IAsyncDisposable
{
    private readonly Func<IReadOnlyList<RunProcess>> _processes;
    private readonly Dictionary<int, (string Role, long Peak)> _peaks = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;

    public MemorySampler(Func<IReadOnlyList<RunProcess>> processes)
    {
        _processes = processes;
        _sampling = SampleAsync();
    }

    public static IReadOnlyDictionary<string, RoleMemory> Snapshot(IEnumerable<RunProcess> processes) =>
        Group(processes.Select(p => (p.Role, p.ResidentBytes())).Where(p => p.Item2 is not null).Select(p => (p.Role, p.Item2!.Value)));

    /// <summary>The peak of each process so far, grouped by role.</summary>
    public IReadOnlyDictionary<string, RoleMemory> Peaks()
    {
        lock (_peaks)
        {
            return Group(_peaks.Values.Select(v => (v.Role, v.Peak)));
        }
    }

    private static Dictionary<string, RoleMemory> Group(IEnumerable<(string Role, long Bytes)> samples) =>
        samples.GroupBy(s => s.Role).ToDictionary(
            g => g.Key,
            g => new RoleMemory(g.Count(), g.Sum(s => s.Bytes) / 1_048_576.0, g.Max(s => s.Bytes) / 1_048_576.0));

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        try
        {
            do
            {
                foreach (var process in _processes())
                {
                    if (process.ResidentBytes() is { } bytes)
                    {
                        lock (_peaks)
                        {
                            var peak = _peaks.TryGetValue(process.Pid, out var seen) ? Math.Max(seen.Peak, bytes) : bytes;
                            _peaks[process.Pid] = (process.Role, peak);
                        }
                    }
                }
            }
            while (await timer.WaitForNextTickAsync(_stop.Token));
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }
}

/// <param name="Processes">How many processes have this role.</param>
/// <param name="TotalMb">Their resident memory together.</param>
/// <param name="LargestMb">The largest of them alone.</param>
public sealed record RoleMemory(int Processes, double TotalMb, double LargestMb);
