using Aspire.Hosting.ApplicationModel;
using CircularPlatform.AppHost;
using Microsoft.Extensions.DependencyInjection;

namespace Aspire.Hosting;

public static class SupervisionExtensions
{
    /// <summary>Restarts of crashed processes and the start-up report, for the whole app model.</summary>
    public static IDistributedApplicationBuilder AddPlatformSupervision(this IDistributedApplicationBuilder builder)
    {
        builder.Services.AddHostedService<CrashRestarts>();
        builder.Services.AddHostedService<StartupReport>();
        return builder;
    }

    /// <summary>Lines the operator must see once, logged as the AppHost starts (never put on a resource).</summary>
    public static IDistributedApplicationBuilder AnnounceAtStart(this IDistributedApplicationBuilder builder, string? announcement)
    {
        if (announcement is not null)
        {
            builder.Services.AddSingleton(new StartupAnnouncement(announcement));
        }
        return builder;
    }

    /// <summary>Starts every replica of the resource again, with back-off, when it crashes.</summary>
    public static IResourceBuilder<T> WithRestartOnCrash<T>(this IResourceBuilder<T> builder) where T : IResource =>
        builder.WithAnnotation(new RestartOnCrashAnnotation());
}
