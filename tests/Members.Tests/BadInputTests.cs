using CircularPlatform.TestSupport;

namespace CircularPlatform.Members.Tests;

/// <summary>
/// Every operation of the service's OpenAPI document, walked with bad input as the club's
/// administrator, in Development as the AppHost runs it: no 5xx, and every error a problem document.
/// </summary>
public abstract class BadInputTests : IAsyncLifetime
{
    private Club _club = null!;

    protected abstract Task<string?> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        _club = new Club(await CreateDatabaseAsync(), environment: "Development");
        await _club.StartAsync();
    }

    public async Task DisposeAsync() => await _club.DisposeAsync();

    [Fact]
    public async Task No_bad_input_to_any_operation_gets_a_server_error_or_an_error_that_is_not_a_problem_document()
    {
        using var client = await _club.AsAdminAsync();

        await BadInputWalker.AssertAllHoldAsync(client, atLeast: 100);
    }
}

public sealed class BadInputOnSqliteTests : BadInputTests
{
    protected override Task<string?> CreateDatabaseAsync() => Task.FromResult<string?>(null);
}

public sealed class BadInputOnPostgresTests(PostgresFixture postgres) : BadInputTests, IClassFixture<PostgresFixture>
{
    protected override async Task<string?> CreateDatabaseAsync() => await postgres.CreateDatabaseAsync();
}
