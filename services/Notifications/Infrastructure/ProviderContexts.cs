using CircularPlatform.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace CircularPlatform.Notifications.Infrastructure;

// One context type per provider, each with its own migrations (see docs/adr/0003).
public sealed class SqliteNotificationsContext(DbContextOptions<SqliteNotificationsContext> options) : NotificationsContext(options);

public sealed class PostgresNotificationsContext(DbContextOptions<PostgresNotificationsContext> options) : NotificationsContext(options);

internal sealed class SqliteNotificationsContextFactory : SqliteDesignTimeFactory<SqliteNotificationsContext>;

internal sealed class PostgresNotificationsContextFactory : PostgresDesignTimeFactory<PostgresNotificationsContext>;
