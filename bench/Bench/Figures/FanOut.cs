using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using CircularPlatform.Bench.Platform;
using CircularPlatform.Bench.Report;
using CircularPlatform.Contracts.IntegrationEvents;
using CircularPlatform.TestSupport;
using MassTransit;
using static CircularPlatform.Bench.Report.BenchReport;

namespace CircularPlatform.Bench.Figures;

/// <summary>
/// Figure 8: one event scheduled through the gateway, and every member interested in its theme
/// told — an in-app notification and an email each. Measured from the moment the request left:
/// until every notification is stored, and until every email is written to the pickup folder.
/// </summary>
/// <remarks>
/// A fan-out stores its notifications and its mail rows in one transaction (the consumer's, with
/// the inbox record), so the mail rows that <c>/ops/mail</c> counts appear all at once, together
/// with the notifications: "stored" is the first look that counts them all. "Written" is the first
/// look at the pickup folder that holds them all (the postman writes each file aside, then moves it
/// in whole).
/// </remarks>
public static class FanOut
{
    public const double TargetSeconds = 10;

    /// <summary>The theme of <see cref="Scheduling.Event"/> number 0: the measured event's.</summary>
    private const string Theme = "bio-waste";

    private static readonly TimeSpan SeedDeadline = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan FanOutDeadline = TimeSpan.FromMinutes(5);

    /// <summary>What <c>GET /ops/mail</c> counts; every mail is in exactly one of these states (all within the last day here).</summary>
    public sealed record MailCounts(int Due, int Later, int SentLastDay, int GivenUp, int WithdrawnLastDay)
    {
        public int Total => Due + Later + SentLastDay + GivenUp + WithdrawnLastDay;
    }

    /// <summary>One event's fan-out, in seconds from the moment its scheduling request left.</summary>
    /// <param name="ConsumerBegan">When Notifications began the fact (the announcement's own time).</param>
    /// <param name="FirstWritten">The first look at the folder that found one of the event's emails.</param>
    /// <param name="WrittenBySecond">Emails of the event in the folder 1, 2, 3… s after the request.</param>
    public sealed record Step(
        double Accepted, double? ConsumerBegan, double Stored, double FirstWritten, double Written,
        bool Exact, MailCounts Before, MailCounts After, IReadOnlyList<int> WrittenBySecond);

    /// <param name="First">The first fan-out after the platform started: its code runs for the first time (JIT), as after every restart.</param>
    /// <param name="Measured">The next one, to the same members: the figure.</param>
    public sealed record FanOutFigures(string Database, int Members, double SeedPublishSeconds, double SeedKnownSeconds, Step First, Step Measured)
    {
        public double NotificationsPerSecond => Members / Measured.Stored;
        public double EmailsPerSecond => Members / Measured.Written;
    }

    public static async Task<FanOutFigures> RunAsync(PlatformSession platform, BenchSizes sizes, BenchReport report)
    {
        var members = sizes.FanOutMembers;
        var token = await platform.AdminTokenAsync();
        using var notifications = Clients.Create(platform.ServiceAddress("notifications"));
        var mail = new MailWatch(notifications, token, Path.Combine(platform.Host.DataFolder, "mail"));

        // Whatever earlier figures left (figure 7's members joining) is stored and sent first: the
        // welcome mail counted below is this figure's. Quiet: nothing due, and no new mail for a second.
        var seeded = await mail.CountsAsync();
        await Wait.UntilAsync(async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var previous = seeded;
            seeded = await mail.CountsAsync();
            return seeded.Due == 0 && seeded.Total == previous.Total;
        }, "Notifications has no mail to store or send before seeding", SeedDeadline);
        var seeding = Stopwatch.StartNew();
        Console.WriteLine($"  {members} members joining (MemberJoined published on the broker)...");
        double published;
        using (var welcomes = mail.Watch())
        {
            await PublishMembersAsync(platform.Broker.ConnectionString, members);
            published = seeding.Elapsed.TotalSeconds;
            // Known: each member's welcome is stored with their copy, and written before the measured step.
            await Wait.UntilAsync(async () => welcomes.Count >= members && await mail.CountsAsync() is var c && c.Total >= seeded.Total + members && c.Due == 0,
                $"Notifications knows the {members} members and wrote their welcome", SeedDeadline);
        }
        var known = seeding.Elapsed.TotalSeconds;
        Console.WriteLine($"  published in {published:N1} s; known and welcomed after {known:N1} s");

        // Events 3 and 0 of Scheduling are both on the members' theme.
        var first = await FanOutAsync(platform, token, mail, members, 3);
        Console.WriteLine($"  first fan-out after start: {Describe(first)}");
        var measured = await FanOutAsync(platform, token, mail, members, 0);
        Console.WriteLine($"  {platform.Database}: {Describe(measured)}");
        var figures = new FanOutFigures(platform.Database, members, published, known, first, measured);
        report.Record("fanOut." + platform.Database, figures);

        var what = $"8. fan-out, {platform.Database}: one event to {members} members on its theme (a notification and an email each), from the scheduling request through the gateway until";
        var check = measured.Exact && first.Exact ? "" : "; **counts not exact**";
        report.Add(what + " every notification is stored",
            $"{Number(measured.Stored, 2)} s, {Number(figures.NotificationsPerSecond)} notifications/s (the fact began at {Seconds(measured.ConsumerBegan)}; first fan-out after start: {Number(first.Stored, 2)} s)" + check,
            $"≤ {Number(TargetSeconds)} s at 10,000", measured.Exact && measured.Stored <= TargetSeconds);
        report.Add(what + " every email is written (.eml in the pickup folder)",
            $"{Number(measured.Written, 2)} s, {Number(figures.EmailsPerSecond)} emails/s (first file at {Number(measured.FirstWritten, 2)} s, then {Number(members / Math.Max(measured.Written - measured.FirstWritten, 0.001))}/s; first fan-out after start: {Number(first.Written, 2)} s)" + check,
            $"≤ {Number(TargetSeconds)} s at 10,000", measured.Exact && measured.Written <= TargetSeconds);
        return figures;
    }

    private static string Seconds(double? seconds) => seconds is { } s ? Number(s, 2) + " s" : "?";

    private static string Describe(Step step) =>
        $"accepted {step.Accepted:N2} s, consumer began {Seconds(step.ConsumerBegan)}, stored {step.Stored:N2} s, first email {step.FirstWritten:N2} s, all written {step.Written:N2} s" +
        (step.Exact ? "" : $" — NOT EXACT: before {step.Before}, after {step.After}");

    /// <summary>Schedules event <paramref name="n"/> and follows its fan-out until every email is written and marked sent.</summary>
    private static async Task<Step> FanOutAsync(PlatformSession platform, string token, MailWatch mail, int members, int n)
    {
        var before = await mail.CountsAsync();
        using var arrivals = mail.Watch();
        var timeline = new List<(double Seconds, int Count)>();
        var sent = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var eventId = await Scheduling.ScheduleAsync(platform.Http, token, n, "fan-out-" + Guid.NewGuid().ToString("N")[..6]);
        var accepted = clock.Elapsed.TotalSeconds;
        await Wait.UntilAsync(async () => (await mail.CountsAsync()).Total >= before.Total + members, $"the {members} notifications and emails are stored", FanOutDeadline);
        var stored = clock.Elapsed.TotalSeconds;
        await Wait.UntilAsync(() =>
        {
            var count = arrivals.Count;
            timeline.Add((clock.Elapsed.TotalSeconds, count));
            return count >= members;
        }, $"the {members} emails are written", FanOutDeadline);
        var written = clock.Elapsed.TotalSeconds;

        // Exact: as many files and mail rows as members, each sent once, none given up or withdrawn.
        await Wait.UntilAsync(async () => (await mail.CountsAsync()).Due == 0, "every written email is marked sent", TimeSpan.FromMinutes(1));
        var after = await mail.CountsAsync();
        var exact = mail.Files() - arrivals.Before == members && after.Total - before.Total == members && after.SentLastDay - before.SentLastDay == members
            && after.GivenUp == before.GivenUp && after.WithdrawnLastDay == before.WithdrawnLastDay;
        var announcedAt = await Announcements.AnnouncedAtAsync(platform.Http, [eventId]);
        double? began = announcedAt.TryGetValue(eventId, out var at) ? (at - sent).TotalSeconds : null;
        var firstWritten = timeline.FirstOrDefault(s => s.Count > 0) is { Count: > 0 } first ? first.Seconds : written;
        var bySecond = Enumerable.Range(1, (int)Math.Ceiling(written))
            .Select(second => timeline.LastOrDefault(s => s.Seconds <= second).Count).ToList();
        return new Step(accepted, began, stored, firstWritten, written, exact, before, after, bySecond);
    }

    /// <summary>
    /// Members as Members announces them when an organiser approves them: one MemberJoined each, on
    /// the run's broker (the Contracts type, hence the exchange Notifications is bound to). Signing
    /// up this many accounts would take an hour of password hashing and measure nothing of this figure.
    /// </summary>
    private static async Task PublishMembersAsync(string broker, int count)
    {
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit => rabbit.Host(new Uri(broker)));
        await bus.StartAsync();
        try
        {
            var run = Guid.NewGuid().ToString("N")[..8];
            await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, cancellationToken) =>
                await bus.Publish(new MemberJoined
                {
                    MemberId = Guid.NewGuid(),
                    DisplayName = $"Membre {i}",
                    Email = $"fan-out-{run}-{i}@entreprise.test",
                    Language = i % 3 == 0 ? "en" : "fr",
                    Themes = i % 2 == 0 ? [Theme] : ["water", Theme],
                    Role = "member",
                }, cancellationToken));
        }
        finally
        {
            await bus.StopAsync();
        }
    }

    /// <summary>What Notifications says of its mail (<c>/ops/mail</c>, on the service: the gateway does not route it), and what the pickup folder holds.</summary>
    private sealed class MailWatch(HttpClient notifications, string token, string folder)
    {
        public async Task<MailCounts> CountsAsync()
        {
            using var request = PlatformSession.Authorised(HttpMethod.Get, "/ops/mail", token);
            using var response = await notifications.SendAsync(request);
            response.EnsureSuccessStatusCode();
            var status = await response.Content.ReadFromJsonAsync<JsonElement>();
            int Count(string name) => status.GetProperty(name).GetInt32();
            return new MailCounts(Count("due"), Count("later"), Count("sentLastDay"), Count("givenUp"), Count("withdrawnLastDay"));
        }

        /// <summary>Whole emails in the pickup folder (one being written is still a .part file).</summary>
        public int Files() => Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*.eml").Count() : 0;

        /// <summary>Counts the emails that arrive in the folder from now on.</summary>
        public Arrivals Watch() => new(this, folder);
    }

    /// <summary>
    /// Emails moved into the pickup folder, as the kernel reports them (inotify): listing a folder
    /// of tens of thousands of files costs ~20 ms of CPU, too much to repeat every 50 ms beside the
    /// platform. Should the kernel's queue overflow, the folder is counted instead.
    /// </summary>
    private sealed class Arrivals : IDisposable
    {
        private readonly MailWatch _mail;
        private readonly FileSystemWatcher _watcher;
        private int _count;
        private volatile bool _overflowed;

        public Arrivals(MailWatch mail, string folder)
        {
            _mail = mail;
            Directory.CreateDirectory(folder);
            _watcher = new FileSystemWatcher(folder, "*.eml") { NotifyFilter = NotifyFilters.FileName, InternalBufferSize = 64 * 1024 };
            _watcher.Created += (_, e) => Arrived(e.Name);
            _watcher.Renamed += (_, e) => Arrived(e.Name);
            _watcher.Error += (_, _) => _overflowed = true;
            _watcher.EnableRaisingEvents = true;
            Before = mail.Files();
        }

        /// <summary>The emails in the folder when the watch began.</summary>
        public int Before { get; }

        public int Count => _overflowed ? _mail.Files() - Before : Volatile.Read(ref _count);

        private void Arrived(string? name)
        {
            if (name?.EndsWith(".eml", StringComparison.Ordinal) == true)
            {
                Interlocked.Increment(ref _count);
            }
        }

        public void Dispose() => _watcher.Dispose();
    }
}
