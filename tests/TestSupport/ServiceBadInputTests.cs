using Xunit;

namespace CircularPlatform.TestSupport;

/// <summary>
/// A service's whole OpenAPI document walked with bad input (<see cref="BadInputWalker"/>) by the
/// club's administrator, the caller every operation lets through to its checks, in Development as
/// the AppHost runs it. A service's test project derives it once per database.
/// </summary>
public abstract class ServiceBadInputTests<TProgram>(string databaseName) : IAsyncLifetime where TProgram : class
{
    private FakeAuthority _authority = null!;
    private ServiceFactory<TProgram> _factory = null!;

    /// <summary>The connection string of a fresh database, or null for the default SQLite file.</summary>
    protected abstract Task<string?> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        _authority = await FakeAuthority.StartAsync();
        _factory = new ServiceFactory<TProgram>(databaseName, await CreateDatabaseAsync()) { Environment = "Development" };
        _factory.Settings["Identity:Authority"] = _authority.Url;
        await _factory.Harness.Start();
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _authority.DisposeAsync();
    }

    [Fact]
    public async Task No_bad_input_to_any_operation_gets_a_server_error_or_an_error_that_is_not_a_problem_document()
    {
        using var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _authority.Token("admin"));

        await BadInputWalker.AssertAllHoldAsync(client);
    }
}
