using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace CircularPlatform.Gateway.Tests;

public sealed class GatewayWithoutServicesTests
{
    [Fact]
    public async Task A_gateway_given_no_service_says_so_in_its_log_and_health_and_routes_nothing()
    {
        var logs = new RecordedLogs();
        await using var gateway = GatewayHost.Start([], logs);
        var client = gateway.CreateClient();

        var health = await client.GetAsync("/health");
        var routed = await client.GetAsync("/api/events");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var services = (await health.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks").GetProperty("services");
        Assert.Equal("Degraded", services.GetProperty("status").GetString());
        Assert.Contains("No service is configured", services.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains(logs.Lines, line => line.Level == LogLevel.Warning && line.Message.StartsWith("No service is configured", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, routed.StatusCode);
    }
}
