using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CircularPlatform.Bench.Platform;

namespace CircularPlatform.Bench.Figures;

/// <summary>Events as organisers schedule them, through the gateway, each one different.</summary>
public static class Scheduling
{
    private static readonly string[] Kinds = ["conference", "round-table", "project-presentation", "site-visit", "workshop"];
    private static readonly string[] Themes = ["bio-waste", "industrial-synergies", "electronic-boards"];
    private static readonly string[] Towns = ["Lens", "Liévin", "Harnes", "Loos-en-Gohelle", "Avion"];

    public static object Event(int n, string run)
    {
        var starts = new DateTimeOffset(2030, 1, 7, 9, 0, 0, TimeSpan.FromHours(1)).AddHours(n * 7 % 8000);
        return new
        {
            title = new { fr = $"Rencontre {run} n°{n} : réemploi des matériaux", en = $"Meeting {run} #{n}: reuse of materials" },
            description = new { fr = "Retours d'expérience des entreprises du territoire sur le réemploi.", en = "Local companies share what they learnt about reuse." },
            kind = Kinds[n % Kinds.Length],
            themes = new[] { Themes[n % Themes.Length] },
            startsAt = starts.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            endsAt = starts.AddHours(2).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            municipality = Towns[n % Towns.Length],
            capacity = 20 + (n % 80),
        };
    }

    /// <summary>Schedules one event; returns its id. Anything but 201 stops the benchmark: a figure on refused requests means nothing.</summary>
    public static async Task<Guid> ScheduleAsync(HttpClient gateway, string token, int n, string run)
    {
        using var request = PlatformSession.Authorised(HttpMethod.Post, "/api/events", token, Event(n, run));
        using var response = await gateway.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Scheduling event {n} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Schedules <paramref name="count"/> events with a few requests in flight at a time.</summary>
    public static async Task<IReadOnlyList<Guid>> ScheduleManyAsync(HttpClient gateway, string token, int count, string run, int concurrency = 8)
    {
        var ids = new Guid[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = concurrency },
            async (n, _) => ids[n] = await ScheduleAsync(gateway, token, n, run));
        return ids;
    }
}
