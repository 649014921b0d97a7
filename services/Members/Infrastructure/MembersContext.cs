using CircularPlatform.Members.Model;
using Microsoft.EntityFrameworkCore;

namespace CircularPlatform.Members.Infrastructure;

public class MembersContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<ClubTheme> Themes => Set<ClubTheme>();
    public DbSet<Municipality> Municipalities => Set<Municipality>();
    public DbSet<Organisation> Organisations => Set<Organisation>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(MembersContext).Assembly).AddMessagingTables();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.UseUtcDateTimes();
}
