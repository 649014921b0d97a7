using CircularPlatform.TestSupport;

namespace CircularPlatform.Events.Tests;

public sealed class BadInputOnSqliteTests() : ServiceBadInputTests<Program>("eventsdb")
{
    protected override Task<string?> CreateDatabaseAsync() => Task.FromResult<string?>(null);
}

public sealed class BadInputOnPostgresTests(PostgresFixture postgres) : ServiceBadInputTests<Program>("eventsdb"), IClassFixture<PostgresFixture>
{
    protected override async Task<string?> CreateDatabaseAsync() => await postgres.CreateDatabaseAsync();
}
