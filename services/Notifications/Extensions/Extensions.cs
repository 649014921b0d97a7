using CircularPlatform.Notifications.Infrastructure;

namespace Microsoft.Extensions.Hosting;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<NotificationsContext, SqliteNotificationsContext, PostgresNotificationsContext>("notificationsdb");
        builder.AddMessaging<NotificationsContext>(typeof(Program).Assembly);
    }
}
