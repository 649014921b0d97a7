using System.Net;
using System.Net.Sockets;
using System.Text;
using CircularPlatform.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace CircularPlatform.Hosting.Tests;

/// <summary>Builders whose logs go to the test output and whose data stays in the test's folder.</summary>
internal static class TestHost
{
    public static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) };

    public static IDistributedApplicationBuilder CreateBuilder(ITestOutputHelper output, TemporaryFolder folder, params string[] args)
    {
        var builder = DistributedApplication.CreateBuilder(["--DataFolder", folder.Path, "--StopGracePeriodSeconds", "5", .. args]);
        builder.Services.AddLogging(logging => logging.ClearProviders().AddProvider(new TestOutputLoggerProvider(output)));
        return builder;
    }

    /// <summary>Polls <paramref name="condition"/>; fails with <paramref name="what"/> when it does not hold in time.</summary>
    public static async Task WaitUntil(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting until {what}.");
            }
            await Task.Delay(50);
        }
    }

    public static Dictionary<string, string> ParseEnvironment(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => line.Contains('=', StringComparison.Ordinal))
            .Select(line => line.Split('=', 2))
            .GroupBy(parts => parts[0])
            .ToDictionary(group => group.Key, group => group.First()[1]);

    /// <summary>Answers 200 to every request on a port, standing in for a service that became healthy.</summary>
    public static TcpListener ServeOk(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        _ = Task.Run(async () =>
        {
            var response = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");
            while (true)
            {
                try
                {
                    using var client = await listener.AcceptTcpClientAsync();
                    var stream = client.GetStream();
                    _ = await stream.ReadAsync(new byte[4096]);
                    await stream.WriteAsync(response);
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException or InvalidOperationException)
                {
                    if (!listener.Server.IsBound)
                    {
                        return;
                    }
                }
            }
        });
        return listener;
    }
}
