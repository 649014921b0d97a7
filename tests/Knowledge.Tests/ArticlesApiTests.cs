using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CircularPlatform.TestSupport;

namespace CircularPlatform.Knowledge.Tests;

/// <summary>The same API behaviour whichever database the service runs on.</summary>
public abstract class ArticlesApiTests : IAsyncLifetime
{
    private ServiceFactory<Program> _factory = null!;
    private HttpClient _client = null!;

    /// <summary>The connection string of a fresh database, or null for the default SQLite file.</summary>
    protected abstract Task<string?> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        _factory = new ServiceFactory<Program>("knowledgedb", await CreateDatabaseAsync());
        _client = _factory.CreateClient();
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task With_nothing_published_the_list_is_an_empty_page()
    {
        var page = await _client.GetFromJsonAsync<JsonElement>("/api/knowledge/articles?theme=water&lang=en");

        Assert.Equal(0, page.GetProperty("total").GetInt32());
        Assert.Equal(0, page.GetProperty("items").GetArrayLength());
        Assert.Equal(1, page.GetProperty("page").GetInt32());
        Assert.Equal(20, page.GetProperty("pageSize").GetInt32());
    }

    [Theory]
    [InlineData("/api/knowledge/articles?theme=gardening", "theme")]
    [InlineData("/api/knowledge/articles?lang=de", "lang")]
    [InlineData("/api/knowledge/articles?kind=novel", "kind")]
    [InlineData("/api/knowledge/articles?pageSize=500", "pageSize")]
    public async Task Bad_queries_are_refused_with_the_field_named(string url, string field)
    {
        var response = await _client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }
}

public sealed class ArticlesApiOnSqliteTests : ArticlesApiTests
{
    protected override Task<string?> CreateDatabaseAsync() => Task.FromResult<string?>(null);
}

public sealed class ArticlesApiOnPostgresTests(PostgresFixture postgres) : ArticlesApiTests, IClassFixture<PostgresFixture>
{
    protected override async Task<string?> CreateDatabaseAsync() => await postgres.CreateDatabaseAsync();
}
