namespace CircularPlatform.TestSupport;

/// <summary>A running platform as a test sees it: the gateway, the administrator, and what to show when it fails.</summary>
public interface IPlatform
{
    public const string AdminEmail = "admin@club-economie-circulaire.local";

    HttpClient Gateway { get; }

    /// <summary>The first administrator's: given to the AppHost, or as it printed it; null when it printed none.</summary>
    string? AdminPassword { get; }

    /// <summary>What the AppHost said, for a failing test's message.</summary>
    string Output { get; }
}
