using CircularPlatform.Notifications.Model;
using Microsoft.EntityFrameworkCore;

namespace CircularPlatform.Notifications.Infrastructure;

public class NotificationsContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Announcement> Announcements => Set<Announcement>();
    public DbSet<Recipient> Recipients => Set<Recipient>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<Registrant> Registrants => Set<Registrant>();
    public DbSet<PublishedArticle> Articles => Set<PublishedArticle>();
    public DbSet<Mail> Mails => Set<Mail>();
    public DbSet<SigningSecret> SigningSecrets => Set<SigningSecret>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(NotificationsContext).Assembly).AddMessagingTables();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.UseUtcDateTimes();
}
