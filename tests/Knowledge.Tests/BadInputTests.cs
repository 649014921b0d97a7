using CircularPlatform.TestSupport;

namespace CircularPlatform.Knowledge.Tests;

public sealed class BadInputOnSqliteTests() : ServiceBadInputTests<Program>("knowledgedb")
{
    protected override Task<string?> CreateDatabaseAsync() => Task.FromResult<string?>(null);
}

public sealed class BadInputOnPostgresTests(PostgresFixture postgres) : ServiceBadInputTests<Program>("knowledgedb"), IClassFixture<PostgresFixture>
{
    protected override async Task<string?> CreateDatabaseAsync() => await postgres.CreateDatabaseAsync();
}
