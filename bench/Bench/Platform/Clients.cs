namespace CircularPlatform.Bench.Platform;

public static class Clients
{
    /// <summary>An HTTP client that never queues requests behind a small connection limit.</summary>
    public static HttpClient Create(Uri baseAddress) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = 512,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
    })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromMinutes(2),
    };
}
