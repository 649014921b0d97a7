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

public static class WaitlistQueries
{
    /// <summary>
    /// Where a registration stands on its event's waitlist (1 for the first), or null when it
    /// holds a seat or was cancelled: the waitlisted who arrived no later than it.
    /// </summary>
    public static async Task<int?> WaitlistPositionAsync(this EventsContext db, Registration registration, CancellationToken cancellationToken) =>
        registration.Status == RegistrationStatus.Waitlisted
            ? await db.Registrations.CountAsync(
                o => o.EventId == registration.EventId && o.Status == RegistrationStatus.Waitlisted && o.Arrival <= registration.Arrival, cancellationToken)
            : null;
}
