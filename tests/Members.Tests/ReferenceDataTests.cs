using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CircularPlatform.TestSupport;

namespace CircularPlatform.Members.Tests;

/// <summary>The same API behaviour whichever database the service runs on.</summary>
public abstract class ReferenceDataTests : IAsyncLifetime
{
    private ServiceFactory<Program> _factory = null!;
    private HttpClient _client = null!;

    /// <summary>The connection string of a fresh database, or null for the default SQLite file.</summary>
    protected abstract Task<string?> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        _factory = new ServiceFactory<Program>("membersdb", await CreateDatabaseAsync());
        _client = _factory.CreateClient();
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task The_club_themes_come_from_the_database_with_their_waste_codes()
    {
        var page = await _client.GetFromJsonAsync<JsonElement>("/api/members/themes");

        var themes = page.GetProperty("items").EnumerateArray().ToDictionary(t => t.GetProperty("slug").GetString()!);
        Assert.Equal(9, page.GetProperty("total").GetInt32());
        Assert.Equal(9, themes.Count);
        Assert.Equal(["17 05", "19 13"], themes["soil-decontamination"].GetProperty("wasteCodes").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["16 06"], themes["batteries"].GetProperty("wasteCodes").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("Dépollution des sols", themes["soil-decontamination"].GetProperty("name").GetProperty("fr").GetString());
        Assert.Equal("Soil decontamination", themes["soil-decontamination"].GetProperty("name").GetProperty("en").GetString());
    }

    [Fact]
    public async Task The_36_municipalities_of_Lens_Lievin_are_listed_in_one_page_by_default()
    {
        var page = await _client.GetFromJsonAsync<JsonElement>("/api/members/municipalities");

        var names = page.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("name").GetString()).ToList();
        Assert.Equal(36, names.Count);
        Assert.Equal(36, page.GetProperty("total").GetInt32());
        Assert.Contains("Liévin", names);
        Assert.Contains("Éleu-dit-Leauwette", names);
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Fact]
    public async Task Municipalities_can_be_paged()
    {
        var page = await _client.GetFromJsonAsync<JsonElement>("/api/members/municipalities?page=4&pageSize=10");

        Assert.Equal(6, page.GetProperty("items").GetArrayLength());
        Assert.Equal("Servins", page.GetProperty("items")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_bad_page_size_is_refused_by_name()
    {
        var response = await _client.GetAsync("/api/members/themes?pageSize=0");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("pageSize", out _));
    }
}

public sealed class ReferenceDataOnSqliteTests : ReferenceDataTests
{
    protected override Task<string?> CreateDatabaseAsync() => Task.FromResult<string?>(null);
}

public sealed class ReferenceDataOnPostgresTests(PostgresFixture postgres) : ReferenceDataTests, IClassFixture<PostgresFixture>
{
    protected override async Task<string?> CreateDatabaseAsync() => await postgres.CreateDatabaseAsync();
}
