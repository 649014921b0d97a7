using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CircularPlatform.ServiceDefaults.Data;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build a service's SQLite context without starting the service.
/// A service declares <c>class X : SqliteDesignTimeFactory&lt;SqliteEventsContext&gt;;</c>.
/// </summary>
public abstract class SqliteDesignTimeFactory<TContext> : IDesignTimeDbContextFactory<TContext> where TContext : DbContext
{
    public TContext CreateDbContext(string[] args) =>
        Create<TContext>(new DbContextOptionsBuilder<TContext>().UseSqlite("Data Source=design-time.db").Options);

    internal static T Create<T>(DbContextOptions<T> options) where T : DbContext =>
        (T)Activator.CreateInstance(typeof(T), options)!;
}

/// <summary>The same for PostgreSQL; no server is contacted to generate a migration.</summary>
public abstract class PostgresDesignTimeFactory<TContext> : IDesignTimeDbContextFactory<TContext> where TContext : DbContext
{
    public TContext CreateDbContext(string[] args) =>
        SqliteDesignTimeFactory<TContext>.Create(
            new DbContextOptionsBuilder<TContext>().UseNpgsql("Host=localhost;Database=design-time;Username=postgres").Options);
}
