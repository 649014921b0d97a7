using CircularPlatform.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace CircularPlatform.ProbeService;

public class ProbeDatabase(DbContextOptions options) : DbContext(options)
{
    public DbSet<Receipt> Receipts => Set<Receipt>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Receipt>(receipt =>
        {
            receipt.ToTable("receipts");
            receipt.HasIndex(r => r.Batch);
            receipt.Property(r => r.Batch).HasMaxLength(100);
            receipt.Property(r => r.TraceId).HasMaxLength(32);
        });
        modelBuilder.AddMessagingTables();
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.UseUtcDateTimes();
}

public sealed class SqliteProbeDatabase(DbContextOptions<SqliteProbeDatabase> options) : ProbeDatabase(options);

public sealed class PostgresProbeDatabase(DbContextOptions<PostgresProbeDatabase> options) : ProbeDatabase(options);

internal sealed class SqliteProbeDatabaseFactory : SqliteDesignTimeFactory<SqliteProbeDatabase>;

internal sealed class PostgresProbeDatabaseFactory : PostgresDesignTimeFactory<PostgresProbeDatabase>;
