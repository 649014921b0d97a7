using CircularPlatform.Events.Infrastructure;

namespace Microsoft.Extensions.Hosting;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<IHostApplicationBuilder, EventsContext, SqliteEventsContext, PostgresEventsContext>("eventsdb");
        builder.AddMessaging(typeof(Program).Assembly);
    }
}
