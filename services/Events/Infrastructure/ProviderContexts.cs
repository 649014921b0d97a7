using CircularPlatform.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace CircularPlatform.Events.Infrastructure;

// One context type per provider, each with its own migrations (see docs/adr/0003).
public sealed class SqliteEventsContext(DbContextOptions<SqliteEventsContext> options) : EventsContext(options);

public sealed class PostgresEventsContext(DbContextOptions<PostgresEventsContext> options) : EventsContext(options);

internal sealed class SqliteEventsContextFactory : SqliteDesignTimeFactory<SqliteEventsContext>;

internal sealed class PostgresEventsContextFactory : PostgresDesignTimeFactory<PostgresEventsContext>;
