using System.Net;
using System.Text.Json;
using CircularPlatform.Contracts;
using CircularPlatform.TestSupport;

namespace CircularPlatform.Events.Tests;

public sealed class EventKindsTests : IAsyncLifetime
{
    private FakeAuthority _authority = null!;
    private ServiceFactory<Program> _factory = null!;

    public async Task InitializeAsync()
    {
        _authority = await FakeAuthority.StartAsync();
        _factory = new ServiceFactory<Program>("eventsdb", null);
        _factory.Settings["Identity:Authority"] = _authority.Url;
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _authority.DisposeAsync();
    }

    [Fact]
    public async Task Every_kind_of_event_is_listed_in_order_with_its_french_and_english_name_without_signing_in()
    {
        var response = await _factory.CreateClient().GetAsync("/api/events/kinds");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var kinds = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateArray().ToList();
        Assert.Equal(EventKinds.All, kinds.Select(k => k.GetProperty("kind").GetString()));
        var siteVisit = kinds.Single(k => k.GetProperty("kind").GetString() == EventKinds.SiteVisit).GetProperty("name");
        Assert.Equal("Visite de site", siteVisit.GetProperty("fr").GetString());
        Assert.Equal("Site visit", siteVisit.GetProperty("en").GetString());
        Assert.All(kinds, k => Assert.False(string.IsNullOrWhiteSpace(k.GetProperty("name").GetProperty("en").GetString())));
    }
}
