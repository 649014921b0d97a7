using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CircularPlatform.Gateway.Tests;

public sealed partial class GatewayDocsTests : IAsyncLifetime
{
    private readonly List<FakeService> _services = [];
    private WebApplicationFactory<Program> _gateway = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        foreach (var name in new[] { "members", "events", "repairs", "notifications" })
        {
            _services.Add(await FakeService.StartAsync(name));
        }
        _gateway = GatewayHost.Start(_services.SelectMany(service => GatewayHost.References(service.Name, service)));
        // Notifications is configured but down: its port no longer answers.
        await _services.Single(service => service.Name == "notifications").DisposeAsync();
        _client = _gateway.CreateClient();
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        foreach (var service in _services)
        {
            await service.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_docs_page_is_html_that_loads_only_the_gateways_own_assets()
    {
        var page = await _client.GetAsync("/docs/");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotMatch(AnyHttpUrl(), html);
        var assets = AssetReference().Matches(html).Select(match => match.Groups["url"].Value).ToList();
        Assert.Contains("scalar.js", assets);
        foreach (var asset in assets)
        {
            var served = await _client.GetAsync(new Uri(new Uri(_client.BaseAddress!, "/docs/"), asset));
            Assert.True(served.StatusCode == HttpStatusCode.OK, $"{asset}: {served.StatusCode}");
            Assert.Equal("text/javascript", served.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task The_options_that_would_reach_the_internet_are_off_in_the_served_configuration()
    {
        var html = await _client.GetStringAsync("/docs/");

        var configuration = JsonNode.Parse(Configuration().Match(html).Groups["json"].Value)!;
        Assert.False((bool)configuration["withDefaultFonts"]!);
        Assert.False((bool)configuration["telemetry"]!);
        Assert.Equal("", (string?)configuration["proxyUrl"]);
        Assert.True((bool)configuration["agent"]!["disabled"]!);
        Assert.True((bool)configuration["mcp"]!["disabled"]!);
        // Its Share and Generate SDK buttons upload the document to Scalar's servers.
        Assert.Equal("never", (string?)configuration["showDeveloperTools"]);
        var source = Assert.Single(configuration["sources"]!.AsArray())!;
        Assert.Equal("docs/openapi.json", (string?)source["url"]);
    }

    [Fact]
    public async Task Docs_redirects_to_the_page_and_any_document_name_shows_the_merged_one()
    {
        var redirect = await _gateway.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync("/docs");
        var named = await _client.GetStringAsync("/docs/v1");

        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Equal("docs/", redirect.Headers.Location?.OriginalString);
        Assert.Equal("docs/openapi.json", (string?)JsonNode.Parse(Configuration().Match(named).Groups["json"].Value)!["sources"]![0]!["url"]);
    }

    [Fact]
    public async Task The_merged_document_holds_every_services_public_paths_and_nothing_else()
    {
        var document = await DocumentAsync();

        var paths = document["paths"]!.AsObject().Select(path => path.Key).Order().ToList();
        Assert.Equal(["/api/events/catalogue", "/api/members/catalogue", "/api/repairs/catalogue"], paths);
        Assert.Equal("/", (string?)Assert.Single(document["servers"]!.AsArray())!["url"]);
        Assert.Single(document["components"]!["schemas"]!.AsObject(), schema => schema.Key == "CatalogueEntry");
        Assert.DoesNotContain(StringValues(document), value => AnyHttpUrl().IsMatch(value));
    }

    [Fact]
    public async Task Every_path_of_the_document_answers_through_the_gateway_from_its_service()
    {
        var document = await DocumentAsync();

        foreach (var (path, _) in document["paths"]!.AsObject())
        {
            var answer = JsonNode.Parse(await _client.GetStringAsync(path))!;
            Assert.Equal(path.Split('/')[2], (string?)answer["service"]);
        }
    }

    [Fact]
    public async Task A_service_that_is_down_is_named_as_unavailable_while_the_others_are_documented()
    {
        var document = await DocumentAsync();

        var description = (string)document["info"]!["description"]!;
        Assert.Contains("Not available right now:** `notifications` (it did not answer)", description, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", description, StringComparison.Ordinal);
        Assert.Contains("/api/events/catalogue", document["paths"]!.AsObject().Select(path => path.Key));
    }

    private async Task<JsonNode> DocumentAsync()
    {
        var response = await _client.GetAsync("/docs/openapi.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static IEnumerable<string> StringValues(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(property => StringValues(property.Value)),
        JsonArray array => array.SelectMany(StringValues),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => [value.GetValue<string>()],
        _ => [],
    };

    [GeneratedRegex("https?://", RegexOptions.IgnoreCase)]
    private static partial Regex AnyHttpUrl();

    [GeneratedRegex("""(?:src|href)="(?<url>[^"]+)"|from '(?<url>[^']+)'""")]
    private static partial Regex AssetReference();

    [GeneratedRegex("""initialize\(\s*'[^']*',\s*\w+,\s*(?<json>\{.*\}),\s*'""", RegexOptions.Singleline)]
    private static partial Regex Configuration();
}
