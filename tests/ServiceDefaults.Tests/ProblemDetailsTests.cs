using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

namespace CircularPlatform.ServiceDefaults.Tests;

public sealed class ProblemDetailsTests
{
    private sealed record Payload(int Count, DateTimeOffset When);

    private static Task<WebApplication> Start() => TestApp.StartAsync(app =>
    {
        app.MapGet("/boom", IResult () => throw new InvalidOperationException("connection string Password=hunter2"));
        app.MapPost("/payloads", (Payload payload) => Results.Ok(payload));
    }, builder => builder.Configuration["Limits:MaxRequestBodyBytes"] = "1024");

    [Fact]
    public async Task An_unexpected_error_is_a_500_problem_without_internals()
    {
        await using var app = await Start();

        var response = await app.GetTestClient().GetAsync("/boom");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("hunter2", text);
        Assert.DoesNotContain("InvalidOperationException", text);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal(32, problem.GetProperty("traceId").GetString()!.Length);
    }

    [Fact]
    public async Task An_unknown_path_is_a_404_problem()
    {
        await using var app = await Start();

        var response = await app.GetTestClient().GetAsync("/nowhere");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_value_that_does_not_fit_its_field_is_named()
    {
        await using var app = await Start();

        var response = await app.GetTestClient().PostAsync("/payloads",
            new StringContent("""{"count":"many","when":"2026-12-03T09:00:00+01:00"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["count"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Json_is_camel_case()
    {
        await using var app = await Start();

        var response = await app.GetTestClient().PostAsync("/payloads",
            new StringContent("""{"count":3,"when":"2026-12-03T09:00:00+01:00"}""", Encoding.UTF8, "application/json"));

        Assert.Equal("""{"count":3,"when":"2026-12-03T09:00:00+01:00"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_liveness_and_readiness_endpoints_answer()
    {
        await using var app = await Start();
        var client = app.GetTestClient();

        var alive = await client.GetFromJsonAsync<JsonElement>("/alive");
        var health = await client.GetFromJsonAsync<JsonElement>("/health");

        Assert.Equal("Healthy", alive.GetProperty("status").GetString());
        Assert.Equal("Healthy", health.GetProperty("status").GetString());
        Assert.True(health.GetProperty("checks").TryGetProperty("self", out _));
    }
}
