namespace CircularPlatform.Hosting;

internal static class HttpHealthProbe
{
    // No proxy: machines here set http_proxy for the registries, and a probe of a loopback
    // service must never go through it.
    private static readonly HttpClient Client = new(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
    {
        Timeout = TimeSpan.FromSeconds(5),
    };

    public static async Task<bool> IsHealthyAsync(Uri url, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await Client.GetAsync(url, cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
