namespace CircularPlatform.AppHost.Tests;

public sealed class GatewayPortTests
{
    [Theory]
    [InlineData("localhost:9090", "neither a port number nor an address")]
    [InlineData("https://localhost:9090", "neither a port number nor an address")]
    [InlineData("http://club.example.org:9090", "neither a port number nor an address")]
    [InlineData("http://localhost:9090/api", "neither a port number nor an address")]
    [InlineData("nine", "neither a port number nor an address")]
    [InlineData("-1", "neither a port number nor an address")]
    [InlineData("70000", "not a TCP port")]
    [InlineData("0", "not a TCP port")]
    public void A_value_that_names_no_port_of_ours_is_refused_with_the_reason(string value, string reason)
    {
        Assert.False(GatewayPort.TryParse(value, out _, out var problem));
        Assert.Contains(reason, problem, StringComparison.Ordinal);
        Assert.Contains(value.TrimStart('-'), problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, 8080)]
    [InlineData("", 8080)]
    [InlineData("9090", 9090)]
    [InlineData("http://localhost:9090", 9090)]
    [InlineData("http://127.0.0.1:9191/", 9191)]
    public void A_port_or_a_loopback_address_gives_the_port(string? value, int expected)
    {
        Assert.True(GatewayPort.TryParse(value, out var port, out var problem), problem);
        Assert.Equal(expected, port);
    }

    [Fact]
    public void The_apphost_stops_at_once_on_a_bad_port_and_says_why()
    {
        var error = new StringWriter();
        var previous = Console.Error;
        Console.SetError(error);
        try
        {
            var entryPoint = typeof(GatewayPort).Assembly.EntryPoint!;
            var exitCode = entryPoint.Invoke(null, [new[] { "--GatewayPort", "localhost:9090", "--DataFolder", Path.Combine(Path.GetTempPath(), "cp-bad-port-" + Guid.NewGuid().ToString("N")) }]);
            Assert.Equal(2, exitCode);
        }
        finally
        {
            Console.SetError(previous);
        }
        Assert.Contains("--GatewayPort 'localhost:9090'", error.ToString(), StringComparison.Ordinal);
    }
}
