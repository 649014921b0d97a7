using CircularPlatform.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace CircularPlatform.Knowledge.Infrastructure;

// One context type per provider, each with its own migrations (see docs/adr/0003).
public sealed class SqliteKnowledgeContext(DbContextOptions<SqliteKnowledgeContext> options) : KnowledgeContext(options);

public sealed class PostgresKnowledgeContext(DbContextOptions<PostgresKnowledgeContext> options) : KnowledgeContext(options);

internal sealed class SqliteKnowledgeContextFactory : SqliteDesignTimeFactory<SqliteKnowledgeContext>;

internal sealed class PostgresKnowledgeContextFactory : PostgresDesignTimeFactory<PostgresKnowledgeContext>;
