using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Hosting;

namespace CircularPlatform.ServiceDefaults.Tests;

public sealed class ServerSpanTests
{
    private readonly RecordedSpans _spans = new();

    [Fact]
    public async Task The_server_span_is_named_after_the_route_with_the_standard_attributes()
    {
        await using var app = await TestApp.StartAsync(a => a.MapPost("/api/things/{id:guid}", (Guid id) => Results.Ok(id)), _spans.AddTo);
        var path = $"/api/things/{Guid.NewGuid()}";

        var response = await app.GetTestClient().PostAsync(path + "?lang=fr", null);

        response.EnsureSuccessStatusCode();
        var span = await _spans.OfRequestToAsync(path);
        Assert.Equal(ActivityKind.Server, span.Kind);
        Assert.Equal("POST /api/things/{id:guid}", span.DisplayName);
        Assert.Equal("POST", span.GetTagItem("http.request.method"));
        Assert.Equal("/api/things/{id:guid}", span.GetTagItem("http.route"));
        Assert.Equal("http", span.GetTagItem("url.scheme"));
        Assert.Equal(200, span.GetTagItem("http.response.status_code"));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
    }

    [Fact]
    public async Task A_failing_request_marks_its_span_as_an_error()
    {
        await using var app = await TestApp.StartAsync(
            a => a.MapGet("/api/boom/{id:guid}", IResult (Guid id) => throw new InvalidOperationException("secret detail")), _spans.AddTo);
        var path = $"/api/boom/{Guid.NewGuid()}";

        var response = await app.GetTestClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var span = await _spans.OfRequestToAsync(path);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(500, span.GetTagItem("http.response.status_code"));
        Assert.Equal("500", span.GetTagItem("error.type"));
    }

    [Fact]
    public async Task Health_probes_are_not_traced()
    {
        await using var app = await TestApp.StartAsync(a => a.MapGet("/api/things/{id:guid}", (Guid id) => Results.Ok(id)), _spans.AddTo);
        var client = app.GetTestClient();
        var path = $"/api/things/{Guid.NewGuid()}";

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(ServiceDefaultsExtensions.HealthPath)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(ServiceDefaultsExtensions.AlivePath)).StatusCode);
        await client.GetAsync(path);

        // Requests end in the order they were sent, so the probes' spans would have been recorded by now.
        await _spans.OfRequestToAsync(path);
        Assert.DoesNotContain(_spans.All, span => span.GetTagItem("url.path") is ServiceDefaultsExtensions.HealthPath or ServiceDefaultsExtensions.AlivePath);
    }
}
