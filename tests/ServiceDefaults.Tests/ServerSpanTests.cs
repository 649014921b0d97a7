using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

namespace CircularPlatform.ServiceDefaults.Tests;

public sealed class ServerSpanTests : IDisposable
{
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    public ServerSpanTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task The_server_span_is_named_after_the_route_with_the_standard_attributes()
    {
        await using var app = await TestApp.StartAsync(a => a.MapPost("/api/things/{id:int}", (int id) => Results.Ok(id)));
        var marker = Guid.NewGuid().ToString("N");

        var response = await app.GetTestClient().PostAsync($"/api/things/42?marker={marker}", null);

        response.EnsureSuccessStatusCode();
        var span = await SpanWith(marker);
        Assert.Equal("POST /api/things/{id:int}", span.DisplayName);
        Assert.Equal("POST", span.GetTagItem("http.request.method"));
        Assert.Equal("/api/things/{id:int}", span.GetTagItem("http.route"));
        Assert.Equal("/api/things/42", span.GetTagItem("url.path"));
        Assert.Equal("http", span.GetTagItem("url.scheme"));
        Assert.Equal(200, span.GetTagItem("http.response.status_code"));
    }

    [Fact]
    public async Task A_failing_request_marks_its_span_as_an_error()
    {
        await using var app = await TestApp.StartAsync(a => a.MapGet("/boom", IResult () => throw new InvalidOperationException("secret detail")));
        var marker = Guid.NewGuid().ToString("N");

        var response = await app.GetTestClient().GetAsync($"/boom?marker={marker}");

        Assert.Equal(500, (int)response.StatusCode);
        var span = await SpanWith(marker);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("500", span.GetTagItem("error.type"));
    }

    private async Task<Activity> SpanWith(string marker)
    {
        // The span stops just after the response is written.
        for (var i = 0; i < 200; i++)
        {
            var span = _stopped.FirstOrDefault(a => (a.GetTagItem("url.query") as string)?.Contains(marker, StringComparison.Ordinal) == true);
            if (span is not null)
            {
                return span;
            }
            await Task.Delay(10);
        }
        throw new Xunit.Sdk.XunitException("no server span was recorded");
    }
}
