using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace CircularPlatform.Bench.Platform;

/// <summary>
/// SIGTERM or SIGINT (Ctrl+C) during a run stops what the benchmark started (the platform's
/// sessions, the broker, nginx), newest first, then ends the program with 143. Without it a
/// stopped benchmark went on loading a platform nobody watched, or left it running.
/// </summary>
public static class StopSignals
{
    private static readonly ConcurrentDictionary<IAsyncDisposable, long> Live = new();
    // Held for the program's life: a registration that is collected stops handling its signal.
    private static readonly List<PosixSignalRegistration> Registrations = [];
    private static long _order;
    private static int _stopping;

    public static void Install()
    {
        Registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal));
        Registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal));
    }

    public static T Track<T>(T started) where T : IAsyncDisposable
    {
        Live[started] = Interlocked.Increment(ref _order);
        return started;
    }

    /// <summary>For what stops with a method of its own (a test fixture's <c>DisposeAsync</c> returning a Task).</summary>
    public static IAsyncDisposable Track(Func<Task> stop) => Track(new Stop(stop));

    public static void Forget(IAsyncDisposable stopped) => Live.TryRemove(stopped, out _);

    private sealed class Stop(Func<Task> stop) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => new(stop());
    }

    private static void OnSignal(PosixSignalContext context)
    {
        // The program ends itself once everything it started is stopped.
        context.Cancel = true;
        if (Interlocked.Exchange(ref _stopping, 1) == 1)
        {
            return;
        }
        Console.Error.WriteLine($"{context.Signal}: stopping what the benchmark started ({Live.Count})...");
        _ = Task.Run(async () =>
        {
            foreach (var started in Live.OrderByDescending(entry => entry.Value).Select(entry => entry.Key))
            {
                try
                {
                    await started.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromMinutes(2));
                }
                catch (Exception e)
                {
                    Console.Error.WriteLine($"  {started.GetType().Name} did not stop cleanly: {e.Message}");
                }
            }
            Environment.Exit(128 + 15);
        });
    }
}
