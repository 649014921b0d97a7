using CircularPlatform.ServiceDefaults.Data;

namespace CircularPlatform.ServiceDefaults.Tests;

public sealed class DatabaseProviderTests
{
    [Theory]
    [InlineData("Data Source=/tmp/events.db", DatabaseProvider.Sqlite)]
    [InlineData("Data Source=events.db;Cache=Shared", DatabaseProvider.Sqlite)]
    [InlineData("Host=127.0.0.1;Port=5433;Database=eventsdb;Username=postgres", DatabaseProvider.PostgreSql)]
    [InlineData("Server=db.internal;Database=eventsdb;User Id=app", DatabaseProvider.PostgreSql)]
    [InlineData("postgresql://app@db.internal/eventsdb", DatabaseProvider.PostgreSql)]
    [InlineData(" host = db ; database = x", DatabaseProvider.PostgreSql)]
    public void The_provider_follows_the_connection_string(string connectionString, DatabaseProvider expected) =>
        Assert.Equal(expected, DatabaseProviders.Detect(connectionString));

    [Theory]
    [InlineData("Host=127.0.0.1;Port=5433;Database=eventsdb;Username=postgres", 30)]
    [InlineData("Host=127.0.0.1;Database=eventsdb;Maximum Pool Size=5", 5)]
    [InlineData("Host=127.0.0.1;Database=eventsdb;MaxPoolSize=80", 80)]
    [InlineData("Host=127.0.0.1;Database=eventsdb;Minimum Pool Size=2", 30)]
    public void A_service_takes_a_bounded_share_of_the_servers_connections_unless_told(string connectionString, int expected) =>
        Assert.Equal(expected, new Npgsql.NpgsqlConnectionStringBuilder(PostgresPool.Bounded(connectionString)).MaxPoolSize);
}
