using CircularPlatform.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace CircularPlatform.Members.Infrastructure;

// One context type per provider, each with its own migrations (see docs/adr/0003).
public sealed class SqliteMembersContext(DbContextOptions<SqliteMembersContext> options) : MembersContext(options);

public sealed class PostgresMembersContext(DbContextOptions<PostgresMembersContext> options) : MembersContext(options);

internal sealed class SqliteMembersContextFactory : SqliteDesignTimeFactory<SqliteMembersContext>;

internal sealed class PostgresMembersContextFactory : PostgresDesignTimeFactory<PostgresMembersContext>;
