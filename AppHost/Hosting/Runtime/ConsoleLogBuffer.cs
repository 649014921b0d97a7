namespace CircularPlatform.Hosting;

/// <summary>One line a resource wrote; <see cref="Replica"/> tells replicas of a resource apart.</summary>
public sealed record ConsoleLine(DateTimeOffset Timestamp, int Replica, bool IsError, string Text);

/// <summary>The last lines written by a resource; older lines are dropped so memory stays bounded.</summary>
internal sealed class ConsoleLogBuffer(int capacity)
{
    private readonly Queue<ConsoleLine> _lines = new();

    public void Add(ConsoleLine line)
    {
        lock (_lines)
        {
            if (_lines.Count == capacity)
            {
                _lines.Dequeue();
            }
            _lines.Enqueue(line);
        }
    }

    public IReadOnlyList<ConsoleLine> Snapshot()
    {
        lock (_lines)
        {
            return [.. _lines];
        }
    }
}
