namespace CircularPlatform.Members.Infrastructure.Identity;

/// <summary>Configuration section "Identity:SignInThrottle".</summary>
public sealed class SignInThrottleOptions
{
    public const string Section = "Identity:SignInThrottle";

    /// <summary>Attempts on one email address from one client within a window: as slow as a lockout of old.</summary>
    public int AttemptsPerEmailAndClient { get; set; } = 5;

    /// <summary>Failed attempts from one client, whatever the addresses tried: a client spraying many accounts.</summary>
    public int FailuresPerClient { get; set; } = 50;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);
}
