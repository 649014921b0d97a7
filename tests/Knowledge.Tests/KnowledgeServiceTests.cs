using System.Net.Http.Headers;
using CircularPlatform.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace CircularPlatform.Knowledge.Tests;

/// <summary>
/// The Knowledge service hosted for one test, on a fresh database (SQLite by default, PostgreSQL
/// when the subclass gives one), trusting a fake authority, its files in a folder of its own.
/// </summary>
public abstract class KnowledgeServiceTests : IAsyncLifetime
{
    private readonly TemporaryFolder _files = new("cp-article-files");

    protected FakeAuthority Authority { get; private set; } = null!;
    protected ServiceFactory<Program> Factory { get; private set; } = null!;
    protected HttpClient Anonymous { get; private set; } = null!;

    /// <summary>Where the service keeps the articles' files.</summary>
    protected string FilesFolder => _files.Path;

    /// <summary>The connection string of a fresh database, or null for the default SQLite file.</summary>
    protected abstract Task<string?> CreateDatabaseAsync();

    /// <summary>Services the test puts in place of the service's own (a clock, say).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>The test's own settings and clients, before the host starts.</summary>
    protected virtual void Configure(ServiceFactory<Program> factory)
    {
    }

    public async Task InitializeAsync()
    {
        Authority = await FakeAuthority.StartAsync();
        Factory = new ServiceFactory<Program>("knowledgedb", await CreateDatabaseAsync()) { TestServices = ConfigureServices };
        Factory.Settings["Identity:Authority"] = Authority.Url;
        Factory.Settings["Knowledge:Attachments:Folder"] = _files.Path;
        Configure(Factory);
        Anonymous = Factory.CreateClient();
        await Factory.Harness.Start();
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Authority.DisposeAsync();
        _files.Dispose();
    }

    /// <summary>A client of the service bearing <paramref name="token"/>.</summary>
    protected HttpClient As(string token)
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A move of the review: submit, approve, reject, archive.</summary>
    protected static Task<HttpResponseMessage> Post(HttpClient client, Guid id, string move) =>
        client.PostAsync($"/api/knowledge/articles/{id}/{move}", null);

    protected static Task<HttpResponseMessage> Put(HttpClient client, Guid id, string json, EntityTagHeaderValue? etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/knowledge/articles/{id}") { Content = Json(json) };
        if (etag is not null)
        {
            request.Headers.IfMatch.Add(etag);
        }
        return client.SendAsync(request);
    }

    protected static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
