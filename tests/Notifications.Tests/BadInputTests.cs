using CircularPlatform.TestSupport;

namespace CircularPlatform.Notifications.Tests;

public sealed class BadInputOnSqliteTests() : ServiceBadInputTests<Program>("notificationsdb")
{
    protected override Task<string?> CreateDatabaseAsync() => Task.FromResult<string?>(null);
}

public sealed class BadInputOnPostgresTests(PostgresFixture postgres) : ServiceBadInputTests<Program>("notificationsdb"), IClassFixture<PostgresFixture>
{
    protected override async Task<string?> CreateDatabaseAsync() => await postgres.CreateDatabaseAsync();
}
