using CircularPlatform.Events.Infrastructure;

namespace Microsoft.Extensions.Hosting;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<EventsContext, SqliteEventsContext, PostgresEventsContext>("eventsdb");
        builder.AddMessaging<EventsContext>(typeof(Program).Assembly);
        builder.Services.AddScoped<EventLock>();
        builder.Services.AddSingleton<RegistrationDesk>();
    }
}
