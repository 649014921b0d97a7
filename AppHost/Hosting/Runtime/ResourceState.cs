namespace CircularPlatform.Hosting;

public enum ResourceState
{
    NotStarted,
    Waiting,
    Starting,
    Running,
    Unhealthy,
    Exited,
    FailedToStart,
    Stopping,
    Finished,
}

public enum ResourceHealth
{
    Unknown,
    Healthy,
    Unhealthy,
}
