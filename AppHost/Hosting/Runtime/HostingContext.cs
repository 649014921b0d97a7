using Microsoft.Extensions.Configuration;

namespace CircularPlatform.Hosting;

/// <summary>What every driver needs to know about the run.</summary>
internal sealed record HostingContext(string DataFolder, string EnvironmentName, IConfiguration Configuration, string RunId, TimeSpan StopGracePeriod)
{
    /// <summary>Carried by every process the application starts, and inherited by their children.</summary>
    public const string RunMarkerVariable = "CIRCULAR_PLATFORM_RUN";
}
