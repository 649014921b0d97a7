namespace CircularPlatform.ServiceDefaults.Http;

/// <summary>
/// Configuration section "Http": whom a service believes about who called. Behind the gateway a
/// service sees the gateway's address; the gateway tells the caller's in X-Forwarded-For, and the
/// service believes it from loopback (the gateway on this machine) and from the addresses listed.
/// </summary>
public sealed class ForwardedClientOptions
{
    public const string Section = "Http";

    /// <summary>
    /// False at the gateway: it is the edge, and what a caller says about itself proves nothing
    /// (a forged X-Forwarded-For would get round the per-client limits).
    /// </summary>
    public bool ForwardedHeaders { get; set; } = true;

    /// <summary>Proxies besides loopback whose X-Forwarded-For is believed (the gateway's addresses when it runs elsewhere).</summary>
    public List<string> TrustedProxies { get; set; } = [];
}
