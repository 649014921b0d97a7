using System.Diagnostics;
using System.Text.Json;
using CircularPlatform.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Microsoft.Extensions.Hosting;

public static class OutboxExtensions
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Records an integration event to be published once the context's next SaveChanges commits:
    /// the event and the change that caused it are stored together or not at all, and the relay
    /// publishes it even if the broker is down now or the service stops right after.
    /// </summary>
    public static void AddIntegrationEvent<T>(this DbContext context, T integrationEvent) where T : class
    {
        var activity = Activity.Current;
        context.Set<OutboxMessage>().Add(OutboxMessage.Create(
            Guid.CreateVersion7(),
            typeof(T),
            JsonSerializer.Serialize(integrationEvent, Json),
            activity?.Id,
            activity?.TraceStateString,
            DateTime.UtcNow));
    }
}
