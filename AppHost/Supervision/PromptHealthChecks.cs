using System.Collections.Concurrent;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CircularPlatform.AppHost;

/// <summary>
/// Sees a starting resource become healthy within a quarter of a second. Aspire checks a resource
/// that is not healthy yet again after 1, 2, 3, 4 and then every 5 s: a broker or a service ready
/// just after a check waited up to 5 s to be seen, and everything that waits for it with it, at
/// each step of the start-up. Until a resource has been healthy since it last started, each of its
/// checks is therefore asked again every <see cref="Step"/> for up to <see cref="Patience"/> before
/// an unhealthy answer is given. Once it has been healthy, a check answers at once, as Aspire's
/// does: a dependency that goes down is reported as soon as Aspire asks.
/// </summary>
internal sealed class PromptHealthChecks(ResourceNotificationService notifications)
{
    public static readonly TimeSpan Step = TimeSpan.FromMilliseconds(250);

    /// <summary>Short of the start-up report's first explanation (30 s), so that it has a reason to give.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    /// <summary>Per check: the start (of the resource that has it) after which it answered healthy.</summary>
    private readonly ConcurrentDictionary<string, DateTime?> _healthySince = new();

    /// <summary>Wraps the registrations the model's resources are checked with.</summary>
    public void Apply(HealthCheckServiceOptions options, DistributedApplicationModel model)
    {
        var owners = model.Resources
            .SelectMany(r => r.Annotations.OfType<HealthCheckAnnotation>().Select(a => (a.Key, Resource: r.Name)))
            .GroupBy(x => x.Key)
            .ToDictionary(g => g.Key, g => g.First().Resource);
        foreach (var registration in options.Registrations.Where(r => owners.ContainsKey(r.Name)))
        {
            var inner = registration.Factory;
            var key = registration.Name;
            var owner = owners[key];
            registration.Factory = services => new Prompt(this, key, owner, inner(services));
        }
    }

    private DateTime? StartOf(string resource) =>
        notifications.TryGetCurrentState(resource, out var current) ? current.Snapshot.StartTimeStamp : null;

    private bool HealthySinceStart(string key, string resource) =>
        _healthySince.TryGetValue(key, out var since) && since == StartOf(resource);

    private sealed class Prompt(PromptHealthChecks owner, string key, string resource, IHealthCheck inner) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var start = owner.StartOf(resource);
            var patient = !owner.HealthySinceStart(key, resource);
            var deadline = DateTime.UtcNow + Patience;
            while (true)
            {
                var result = await inner.CheckHealthAsync(context, cancellationToken).ConfigureAwait(false);
                if (result.Status == HealthStatus.Healthy)
                {
                    owner._healthySince[key] = start;
                    return result;
                }
                if (!patient || DateTime.UtcNow + Step > deadline)
                {
                    return result;
                }
                await Task.Delay(Step, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
