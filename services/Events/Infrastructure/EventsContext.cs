using CircularPlatform.Events.Model;
using Microsoft.EntityFrameworkCore;

namespace CircularPlatform.Events.Infrastructure;

public class EventsContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<ClubEvent> Events => Set<ClubEvent>();
    public DbSet<Registration> Registrations => Set<Registration>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(EventsContext).Assembly).AddMessagingTables();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.UseUtcDateTimes();
}
