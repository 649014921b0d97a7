namespace CircularPlatform.Hosting;

/// <summary>A "running" instance with no process: connection strings, external servers, databases.</summary>
internal static class Idle
{
    public static RunningInstance Instance => new(null, new TaskCompletionSource().Task, () => null, () => Task.CompletedTask);
}
