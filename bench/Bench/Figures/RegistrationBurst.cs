using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CircularPlatform.Bench.Measure;
using CircularPlatform.Bench.Platform;
using CircularPlatform.Bench.Report;
using static CircularPlatform.Bench.Report.BenchReport;

namespace CircularPlatform.Bench.Figures;

/// <summary>
/// Figure 7: the rush when a popular site visit opens — every member registers at the same moment
/// through the gateway, each with their own token. What counts: exactly the capacity confirmed
/// and the rest waitlisted (never overbooked, never lost), and how fast the burst is served.
/// </summary>
public static class RegistrationBurst
{
    public const double Target = 500;

    public sealed record BurstFigures(string Database, int Members, int Seats, int Confirmed, int Waitlisted, int Failed, double RegistrationsPerSecond, Distribution LatencyMs);

    public static async Task<BurstFigures> RunAsync(PlatformSession platform, BenchSizes sizes, BenchReport report)
    {
        var admin = await platform.AdminTokenAsync();
        Console.WriteLine($"  {sizes.BurstMembers} members signing up and signing in (directly at Members)...");
        var tokens = await MembersAsync(platform, admin, sizes.BurstMembers);
        using var client = Clients.Create(platform.Gateway);
        // A first, small rush on another event: the burst measured is the platform's, not its first requests' (JIT, connections, key fetch).
        var warmUp = await OneEventAsync(platform, admin, seats: 1);
        await Task.WhenAll(tokens.Take(Math.Max(2, tokens.Count / 10)).Select(async token =>
        {
            using var response = await client.SendAsync(PlatformSession.Authorised(HttpMethod.Post, $"/api/events/{warmUp}/registrations", token));
        }));

        var eventId = await OneEventAsync(platform, admin, sizes.BurstSeats);
        var latencies = new double[tokens.Count];
        var statuses = new HttpStatusCode[tokens.Count];
        var clock = Stopwatch.StartNew();
        var requests = tokens.Select(async (token, i) =>
        {
            var sent = Stopwatch.GetTimestamp();
            using var response = await client.SendAsync(PlatformSession.Authorised(HttpMethod.Post, $"/api/events/{eventId}/registrations", token));
            latencies[i] = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
            statuses[i] = response.StatusCode;
        }).ToList();
        await Task.WhenAll(requests);
        var elapsed = clock.Elapsed;

        using var asAdmin = PlatformSession.Authorised(HttpMethod.Get, $"/api/events/{eventId}/registrations?pageSize=1", admin);
        using var listed = await platform.Http.SendAsync(asAdmin);
        listed.EnsureSuccessStatusCode();
        var counts = (await listed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("counts");
        var figures = new BurstFigures(
            platform.Database, tokens.Count, sizes.BurstSeats,
            counts.GetProperty("confirmed").GetInt32(), counts.GetProperty("waitlisted").GetInt32(),
            statuses.Count(s => s != HttpStatusCode.Created),
            tokens.Count / elapsed.TotalSeconds, Distribution.Of(latencies));
        report.Record("registrationBurst." + platform.Database, figures);
        Console.WriteLine($"  {platform.Database}: {figures.Confirmed} confirmed, {figures.Waitlisted} waitlisted, {figures.RegistrationsPerSecond:N0} reg/s, p99 {figures.LatencyMs.P99:N1} ms");

        var exact = figures.Confirmed == figures.Seats && figures.Waitlisted == figures.Members - figures.Seats && figures.Failed == 0;
        report.Add($"7. registration burst, {platform.Database}: {figures.Members} at once for {figures.Seats} seats, through the gateway",
            $"{figures.Confirmed} confirmed, {figures.Waitlisted} waitlisted" + (figures.Failed > 0 ? $", **{figures.Failed} failed**" : "") +
            $"; {Number(figures.RegistrationsPerSecond)} reg/s, p50 {Number(figures.LatencyMs.P50, 1)} ms, p99 {Number(figures.LatencyMs.P99, 1)} ms",
            $"exactly {figures.Seats} confirmed, ≥ {Number(Target)} reg/s",
            exact && figures.RegistrationsPerSecond >= Target);
        return figures;
    }

    /// <summary>Approved members, each signed in: a few at a time, as password hashing is meant to be slow.</summary>
    private static async Task<IReadOnlyList<string>> MembersAsync(PlatformSession platform, string admin, int count)
    {
        using var members = Clients.Create(platform.ServiceAddress("members"));
        var tokens = new string[count];
        var run = Guid.NewGuid().ToString("N")[..8];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, cancellationToken) =>
        {
            var email = $"rush-{run}-{i}@entreprise.test";
            const string password = "les terrils de Loos-en-Gohelle";
            using var signedUp = await members.PostAsJsonAsync("/api/members/accounts",
                new { email, password, displayName = $"Membre {i}", consents = new { terms = true } }, cancellationToken);
            signedUp.EnsureSuccessStatusCode();
            var id = (await signedUp.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("id").GetGuid();
            using var approve = PlatformSession.Authorised(HttpMethod.Post, $"/api/members/{id}/approve", admin);
            using var approved = await members.SendAsync(approve, cancellationToken);
            approved.EnsureSuccessStatusCode();
            using var signedIn = await members.PostAsJsonAsync("/api/members/auth/token", new { email, password }, cancellationToken);
            signedIn.EnsureSuccessStatusCode();
            tokens[i] = (await signedIn.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("accessToken").GetString()!;
        });
        return tokens;
    }

    private static async Task<Guid> OneEventAsync(PlatformSession platform, string admin, int seats)
    {
        using var request = PlatformSession.Authorised(HttpMethod.Post, "/api/events", admin, new
        {
            title = new { fr = "Visite du centre de tri", en = "Sorting centre visit" },
            kind = "site-visit",
            themes = new[] { "electronic-boards" },
            startsAt = "2030-06-12T09:00",
            endsAt = "2030-06-12T12:00",
            municipality = "Harnes",
            venue = "Centre de tri",
            capacity = seats,
        });
        using var response = await platform.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
