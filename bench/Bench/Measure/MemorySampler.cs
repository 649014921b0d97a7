using CircularPlatform.Bench.Platform;

namespace CircularPlatform.Bench.Measure;

/// <summary>
/// Resident memory of every process of a run, sampled every half second while the figures run:
/// per role, the highest total of its processes at one instant (a broker restarted during the run
/// is not counted twice) and the largest single process it had.
/// </summary>
public sealed class MemorySampler : IAsyncDisposable
{
    private readonly Func<IReadOnlyList<RunProcess>> _processes;
    private readonly Dictionary<string, RoleMemory> _peaks = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;

    public MemorySampler(Func<IReadOnlyList<RunProcess>> processes)
    {
        _processes = processes;
        _sampling = SampleAsync();
    }

    public static IReadOnlyDictionary<string, RoleMemory> Snapshot(IEnumerable<RunProcess> processes) =>
        processes.Select(p => (p.Role, Bytes: p.ResidentBytes()))
            .Where(p => p.Bytes is not null)
            .GroupBy(p => p.Role)
            .ToDictionary(
                g => g.Key,
                g => new RoleMemory(g.Count(), g.Sum(p => p.Bytes!.Value) / 1_048_576.0, g.Max(p => p.Bytes!.Value) / 1_048_576.0));

    public IReadOnlyDictionary<string, RoleMemory> Peaks()
    {
        lock (_peaks)
        {
            return new Dictionary<string, RoleMemory>(_peaks);
        }
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        try
        {
            do
            {
                var now = Snapshot(_processes());
                lock (_peaks)
                {
                    foreach (var (role, memory) in now)
                    {
                        _peaks[role] = _peaks.TryGetValue(role, out var seen)
                            ? new RoleMemory(Math.Max(seen.Processes, memory.Processes), Math.Max(seen.TotalMb, memory.TotalMb), Math.Max(seen.LargestMb, memory.LargestMb))
                            : memory;
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
