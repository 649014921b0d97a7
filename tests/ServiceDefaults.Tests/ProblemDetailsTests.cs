using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using CircularPlatform.ServiceDefaults.Http;
using Microsoft.AspNetCore.TestHost;

namespace CircularPlatform.ServiceDefaults.Tests;

public sealed class ProblemDetailsTests
{
    private sealed record Payload(int Count, DateTimeOffset When);

    private sealed record Note(string? Title, Dictionary<string, string>? Text, List<string>? Tags);

    private static Task<WebApplication> Start(string environment = "Testing") => TestApp.StartAsync(app =>
    {
        app.MapGet("/boom", IResult () => throw new InvalidOperationException("connection string Password=hunter2"));
        app.MapPost("/payloads", (Payload payload) => Results.Ok(payload));
        app.MapPut("/payloads/{id}", IResult (int id) => throw new Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException("row 42 changed"));
        app.MapPost("/notes", (Note note) => Results.Ok(note));
        app.MapGet("/notes", (string? q) => Results.Ok(new { q }));
        app.MapPost("/tags", (List<string> tags) =>
        {
            var errors = new ValidationErrors();
            for (var i = 0; i < tags.Count; i++)
            {
                errors.Add($"tags[{i}]", $"'{tags[i]}' is not a tag of the club.").Add($"tags[{i}]", "Tags are lower case.")
                    .Add($"tags[{i}]", "Tags are short.").Add($"tags[{i}]", "Tags have no spaces.");
            }
            return errors.Any ? Results.ValidationProblem(errors.ToDictionary()) : Results.Ok();
        });
    }, builder => builder.Configuration["Limits:MaxRequestBodyBytes"] = "1024", environment);

    public static TheoryData<string> Environments => ["Development", "Production", "Testing"];

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task An_unexpected_error_is_a_500_problem_without_internals(string environment)
    {
        await using var app = await Start(environment);
        var request = new HttpRequestMessage(HttpMethod.Get, "/boom");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "eyJ.secret-token.sig");
        request.Headers.Add("X-Club-Secret", "terril");
        request.Headers.Accept.ParseAdd("*/*"); // as curl sends

        var response = await app.GetTestClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        AssertNoInternals(text);
        Assert.DoesNotContain("hunter2", text);
        Assert.DoesNotContain("InvalidOperationException", text);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal(32, problem.GetProperty("traceId").GetString()!.Length);
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task Malformed_json_is_a_400_problem_without_internals_whatever_the_client_accepts(string environment)
    {
        await using var app = await Start(environment);
        var request = new HttpRequestMessage(HttpMethod.Post, "/payloads") { Content = new StringContent("{bad", Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "eyJ.secret-token.sig");
        request.Headers.Accept.ParseAdd("text/html");

        var response = await app.GetTestClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        AssertNoInternals(text);
        Assert.Equal(400, JsonDocument.Parse(text).RootElement.GetProperty("status").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task A_concurrent_change_is_a_409_problem(string environment)
    {
        await using var app = await Start(environment);

        var request = new HttpRequestMessage(HttpMethod.Put, "/payloads/42");
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,*/*;q=0.8"); // as a browser sends

        var response = await app.GetTestClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        AssertNoInternals(text);
        Assert.DoesNotContain("row 42", text);
    }

    [Theory]
    [InlineData("""{"title":"Atelier\u0000"}""", "title", "NUL")]
    [InlineData("""{"text":{"fr":"ok","en":"a\u0000b"}}""", "text.en", "NUL")]
    [InlineData("""{"tags":["ok","\u0000"]}""", "tags[1]", "NUL")]
    [InlineData("""{"title":"Atelier \ud800"}""", "title", "surrogate")]
    [InlineData("""{"title":"\udc00 Atelier"}""", "title", "surrogate")]
    public async Task Text_no_database_can_store_is_refused_by_its_field(string body, string field, string reason)
    {
        await using var app = await Start("Development");

        var response = await app.GetTestClient().PostAsync("/notes", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal([field], errors.EnumerateObject().Select(p => p.Name));
        Assert.Contains(reason, errors.GetProperty(field)[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_map_in_a_body_or_an_answer_has_its_keys_checked_and_written_like_any_text()
    {
        await using var app = await Start();
        var client = app.GetTestClient();

        var echoed = await client.PostAsync("/notes", new StringContent("""{"text":{"fr":"Réemploi","en":"Reuse"}}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, echoed.StatusCode);
        Assert.Equal("Reuse", (await echoed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("text").GetProperty("en").GetString());

        var refused = await client.PostAsync("/notes", new StringContent("""{"text":{"f\u0000r":"Réemploi"}}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Characters_beyond_the_basic_plane_are_text_like_any_other()
    {
        await using var app = await Start();

        var response = await app.GetTestClient().PostAsync("/notes", new StringContent("""{"title":"Terril \ud83c\udf3f vert"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Terril \U0001F33F vert", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("/notes?q=%00", "q")]
    [InlineData("/notes?q=terril%00", "q")]
    [InlineData("/notes?q=%ED%A0%80", null)]
    [InlineData("/notes?theme=ok&q=%00&page=1", "q")]
    public async Task A_query_value_no_database_can_store_is_refused_by_its_name(string url, string? field)
    {
        await using var app = await Start();

        var response = await app.GetTestClient().GetAsync(url);

        if (field is null)
        {
            // Bytes that are no UTF-8 at all are decoded to the replacement character: plain text.
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return;
        }
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal([field], errors.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task A_request_with_thousands_of_errors_is_told_a_bounded_few()
    {
        await using var app = await Start();
        var tags = string.Join(',', Enumerable.Range(0, 100).Select(i => $"\"Étiquette {i}\""));

        var response = await app.GetTestClient().PostAsync("/tags", new StringContent($"[{tags}]", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        var fields = errors.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(ValidationErrors.MaxFields + 1, fields.Count);
        Assert.All(errors.EnumerateObject().Where(p => p.Name.Length > 0), p => Assert.Equal(ValidationErrors.MaxReasonsPerField, p.Value.GetArrayLength()));
        // 100 fields × 4 reasons found, 25 × 3 told: the rest is counted under the request as a whole.
        Assert.Contains("325 more problem(s)", errors.GetProperty("")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answers_are_not_sniffed_nor_stored_unless_their_endpoint_says_so()
    {
        await using var app = await TestApp.StartAsync(app =>
        {
            app.MapGet("/me", () => Results.Ok(new { name = "Camille Dupont" }));
            app.MapGet("/keys", (HttpContext http) =>
            {
                http.Response.Headers.CacheControl = "public, max-age=60";
                return Results.Ok();
            });
        });
        var client = app.GetTestClient();

        foreach (var response in new[] { await client.GetAsync("/me"), await client.GetAsync("/nowhere"), await client.PostAsync("/me", null) })
        {
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.True(response.Headers.CacheControl?.NoStore, $"{response.RequestMessage?.RequestUri}: {response.Headers.CacheControl}");
        }
        var keys = await client.GetAsync("/keys");
        Assert.Equal("nosniff", Assert.Single(keys.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal(TimeSpan.FromSeconds(60), keys.Headers.CacheControl?.MaxAge);
        Assert.False(keys.Headers.CacheControl?.NoStore);
    }

    /// <summary>What the developer exception page shows: stack frames, the request's headers, the exception's type.</summary>
    private static void AssertNoInternals(string text)
    {
        Assert.DoesNotContain("secret-token", text);
        Assert.DoesNotContain("terril", text);
        Assert.DoesNotContain(" at ", text);
        Assert.DoesNotContain("Exception", text);
        Assert.DoesNotContain("<html", text, StringComparison.OrdinalIgnoreCase);
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
