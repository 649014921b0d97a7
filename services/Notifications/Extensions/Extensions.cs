using CircularPlatform.Notifications.Infrastructure;
using CircularPlatform.Notifications.Infrastructure.Mailing;
using CircularPlatform.Notifications.Infrastructure.Reminders;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Microsoft.Extensions.Hosting;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<NotificationsContext, SqliteNotificationsContext, PostgresNotificationsContext>("notificationsdb");
        builder.AddMessaging<NotificationsContext>(typeof(Program).Assembly);
        builder.AddMail();
        builder.Services.Configure<ReminderOptions>(builder.Configuration.GetSection(ReminderOptions.Section));
        builder.Services.AddHostedService<ReminderClock>();
    }

    /// <summary>Email: over SMTP when a host is set, otherwise as .eml files in the pickup folder; sent by the postman.</summary>
    private static void AddMail(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.Configure<MailOptions>(configuration.GetSection(MailOptions.Section));
        services.AddSingleton<IMailTransport>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<MailOptions>>().Value;
            if (!string.IsNullOrWhiteSpace(options.Smtp.Host))
            {
                return new SmtpTransport(options.Smtp);
            }
            var dataFolder = configuration["DataFolder"] is { Length: > 0 } folder ? folder : Path.Combine(builder.Environment.ContentRootPath, ".data");
            return new PickupFolderTransport(options.PickupFolder is { Length: > 0 } pickup ? pickup : Path.Combine(dataFolder, "mail"));
        });
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<MailOptions>>().Value;
            var publicBase = options.PublicBaseUrl is { Length: > 0 } configured ? configured
                : configuration["Identity:Issuer"] is { Length: > 0 } issuer ? issuer
                : "http://localhost:8080";
            return new MailComposer(MailboxAddress.Parse(options.From), new Uri(publicBase.TrimEnd('/') + "/"));
        });
        services.AddSingleton<UnsubscribeLinks>();
        services.AddSingleton<MailMetrics>();
        services.AddSingleton<Postman>();
        services.AddHostedService(sp => sp.GetRequiredService<Postman>());
    }
}
