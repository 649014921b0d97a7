using System.Net;
using System.Text.Json;
using System.Text;
using CircularPlatform.TestSupport;
using Microsoft.Playwright;

namespace CircularPlatform.EndToEnd.Tests;

/// <summary>
/// The built AppHost as ./run.sh runs it, as the ops team sees and handles it: its dashboard opened
/// in Debian's Chromium with the printed login link (screenshots under TestResults/dashboard), a
/// service killed and started again, and SIGTERM leaving nothing behind. One run for all three,
/// since each start of the platform costs a minute or more on a small machine.
/// </summary>
public sealed class RunShTests
{
    private static readonly string[] Resources =
        ["messaging", "messaging-epmd", "members", "events", "knowledge", "notifications", "gateway", "membersdb", "eventsdb", "knowledgedb", "notificationsdb"];

    private const string SiteVisit = """
        {"title":{"fr":"Visite du centre de tri de Loos-en-Gohelle"},"kind":"site-visit","themes":["industrial-synergies"],
         "startsAt":"2030-12-10T14:00:00+01:00","endsAt":"2030-12-10T16:00:00+01:00","municipality":"Loos-en-Gohelle","capacity":25}
        """;

    [Fact]
    public async Task The_dashboard_shows_every_resource_healthy_and_one_trace_per_request_a_crashed_service_comes_back_and_sigterm_leaves_nothing()
    {
        await using var platform = await AppHostProcess.StartAsync(PlatformApp.StartTimeout);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            // No call leaves the machine: Chromium's own background traffic is turned off.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1600, Height = 1000 } });

        await page.GotoAsync(platform.DashboardLogin.ToString());
        var resources = await EventuallyAsync(page, rows => Resources.All(name => rows.Any(row => row.StartsWith(name + " ", StringComparison.Ordinal)
            && row.Contains(" Running", StringComparison.Ordinal) && !row.Contains("Unhealthy", StringComparison.Ordinal))), platform);
        await ScreenshotAsync(page, "resources");
        Assert.DoesNotContain(resources, row => row.Contains("Unhealthy", StringComparison.Ordinal));

        var club = new ClubSession(platform);
        using var organiser = club.Client((await club.AdminAsync()).AccessToken);
        var scheduled = await organiser.PostAsync("/api/events", new StringContent(SiteVisit, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, scheduled.StatusCode);

        await page.GotoAsync(new Uri(platform.DashboardLogin, "/traces").ToString());
        await EventuallyAsync(page, rows => rows.Any(row => row.Contains("gateway: POST /api/events", StringComparison.Ordinal)
            && row.Contains("notifications", StringComparison.Ordinal)), platform);
        await page.Locator("[role=row]", new() { HasText = "gateway: POST /api/events" }).Locator("text=POST /api/events").First.ClickAsync();
        // One trace: the gateway's request, the service's, the relay's send to RabbitMQ and the
        // consumer. Each process exports its spans on its own schedule, so wait for all of them.
        Func<string, bool>[] parts =
        [
            row => row.StartsWith("POST /api/events/{**rest} gateway", StringComparison.Ordinal),
            row => System.Text.RegularExpressions.Regex.IsMatch(row, "^POST /api/events/? events "),
            row => row.Contains("rabbitmq send", StringComparison.Ordinal) && row.Contains("EventScheduled events", StringComparison.Ordinal),
            row => row.Contains("notifications-event-scheduled receive notifications", StringComparison.Ordinal),
            row => row.Contains("notifications-event-scheduled process notifications", StringComparison.Ordinal),
        ];
        var spans = await EventuallyAsync(page, rows => parts.All(part => rows.Any(part)), platform);
        await ScreenshotAsync(page, "trace");
        Assert.All(parts, part => Assert.Contains(spans, row => part(row)));
        await browser.CloseAsync();

        var running = ProcessTable.WithEnvironmentMarker(AppHostProcess.MarkerVariable, platform.Marker);
        Assert.Contains(running, p => p.CommandLine.Contains("beam.smp", StringComparison.Ordinal));
        Assert.Contains(running, p => p.CommandLine.StartsWith("epmd ", StringComparison.Ordinal));
        Assert.Contains(running, p => p.CommandLine.Contains("/dcp ", StringComparison.Ordinal));
        Assert.Contains(running, p => p.CommandLine.Contains("Aspire.Dashboard", StringComparison.Ordinal));
        var services = running.Where(p => p.CommandLine.StartsWith(Repository.Root, StringComparison.Ordinal) && p.CommandLine.Contains("/bin/", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, services.Count);

        var events = services.Single(p => p.CommandLine.Contains("CircularPlatform.Events", StringComparison.Ordinal));
        System.Diagnostics.Process.GetProcessById(events.Pid).Kill();
        await PlatformTests.EventuallyAsync(async () =>
        {
            var restarted = ProcessTable.WithEnvironmentMarker(AppHostProcess.MarkerVariable, platform.Marker)
                .Any(p => p.CommandLine.Contains("CircularPlatform.Events", StringComparison.Ordinal) && !p.CommandLine.Contains("dotnet run", StringComparison.Ordinal) && p.Pid != events.Pid);
            if (!restarted)
            {
                return null;
            }
            var response = await platform.Gateway.GetAsync("/api/events");
            return response.StatusCode == HttpStatusCode.OK ? (JsonElement?)default(JsonElement) : null;
        }, platform);
        Assert.Contains("exited with code", platform.Output, StringComparison.Ordinal);

        var exitCode = await platform.InterruptAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(0, exitCode);
        var left = await ProcessTable.WaitUntilNoneAsync(AppHostProcess.MarkerVariable, platform.Marker, TimeSpan.FromSeconds(30));
        Assert.True(left.Count == 0, "left behind: " + string.Join("; ", left.Select(p => $"{p.Pid} {p.CommandLine}")) + "\n" + platform.Output);
    }

    /// <summary>Waits for the live page (it updates itself) to show rows that satisfy the condition.</summary>
    private static async Task<IReadOnlyList<string>> EventuallyAsync(IPage page, Func<IReadOnlyList<string>, bool> reached, AppHostProcess platform)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        IReadOnlyList<string> rows = [];
        var polls = 0;
        while (DateTime.UtcNow < deadline)
        {
            rows = [.. (await page.Locator("[role=row]").AllInnerTextsAsync()).Select(row => string.Join(' ', row.Split((char[])[' ', '\n', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries)))];
            if (reached(rows))
            {
                return rows;
            }
            await Task.Delay(500);
            // The page updates itself; a reload now and then also covers an update it missed.
            if (++polls % 20 == 0)
            {
                await page.ReloadAsync();
            }
        }
        await ScreenshotAsync(page, "timeout");
        throw new Xunit.Sdk.XunitException($"The dashboard did not show it within 2 minutes. Rows:\n{string.Join('\n', rows)}\nAppHost output:\n{platform.Output}");
    }

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(Repository.Root, "TestResults", "dashboard");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }
}
