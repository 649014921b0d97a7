namespace CircularPlatform.Hosting;

/// <summary>
/// 1 s, 2 s, 4 s... capped at 30 s between restarts of a crashing process; an instance that stayed
/// up for a while starts again from 1 s, so a rare crash is not punished like a crash loop.
/// </summary>
internal sealed class RestartBackoff(TimeSpan first, TimeSpan cap, TimeSpan stableAfter)
{
    private int _consecutiveFailures;

    public static RestartBackoff Default() => new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));

    public TimeSpan NextDelay(TimeSpan upFor)
    {
        if (upFor >= stableAfter)
        {
            _consecutiveFailures = 0;
        }
        var delay = TimeSpan.FromTicks(Math.Min(cap.Ticks, first.Ticks * (1L << Math.Min(_consecutiveFailures, 20))));
        _consecutiveFailures++;
        return delay;
    }
}
