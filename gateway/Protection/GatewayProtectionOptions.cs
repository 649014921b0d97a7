namespace CircularPlatform.Gateway.Protection;

/// <summary>Configuration section "Gateway".</summary>
public sealed class GatewayProtectionOptions
{
    public const string Section = "Gateway";

    /// <summary>Requests one client may make per <see cref="RateLimitWindow"/> before it is answered 429.</summary>
    public int RateLimitPermits { get; set; } = 300;

    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Origins of the club's front-ends allowed to call the API from a browser; none by default.</summary>
    public string[] CorsOrigins { get; set; } = [];
}
