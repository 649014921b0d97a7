using Aspire.Hosting.ApplicationModel;
using CircularPlatform.AppHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Aspire.Hosting;

public static class SupervisionExtensions
{
    /// <summary>
    /// Restarts of crashed processes, the start-up report, and health seen as soon as a starting
    /// resource has it (<see cref="PromptHealthChecks"/>), for the whole app model.
    /// </summary>
    public static IDistributedApplicationBuilder AddPlatformSupervision(this IDistributedApplicationBuilder builder)
    {
        builder.Services.AddHostedService<CrashRestarts>();
        builder.Services.AddHostedService<StartupReport>();
        builder.Services.AddSingleton<PromptHealthChecks>();
        builder.Services.AddOptions<HealthCheckServiceOptions>()
            .PostConfigure<PromptHealthChecks, DistributedApplicationModel>((options, prompt, model) => prompt.Apply(options, model));
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
