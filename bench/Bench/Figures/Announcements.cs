using System.Net.Http.Json;
using System.Text.Json;

namespace CircularPlatform.Bench.Figures;

/// <summary>What Notifications stored, read through the gateway newest first, page by page.</summary>
public static class Announcements
{
    /// <summary>When each of <paramref name="eventIds"/> was announced, by event id; stops paging once all are found or the older pages begin.</summary>
    public static async Task<Dictionary<Guid, DateTimeOffset>> AnnouncedAtAsync(HttpClient gateway, IReadOnlyCollection<Guid> eventIds)
    {
        var wanted = eventIds.ToHashSet();
        var found = new Dictionary<Guid, DateTimeOffset>();
        for (var page = 1; found.Count < wanted.Count; page++)
        {
            var body = await gateway.GetFromJsonAsync<JsonElement>($"/api/notifications/announcements?pageSize=200&page={page}");
            var items = body.GetProperty("items").EnumerateArray().ToList();
            if (items.Count == 0)
            {
                break;
            }
            foreach (var item in items)
            {
                var id = item.GetProperty("eventId").GetGuid();
                if (wanted.Contains(id))
                {
                    found[id] = item.GetProperty("announcedAt").GetDateTimeOffset();
                }
            }
        }
        return found;
    }

    /// <summary>Waits until Notifications holds at least <paramref name="count"/> announcements; returns when it saw them, or null at the deadline.</summary>
    public static async Task<DateTimeOffset?> WaitForCountAsync(Platform.PlatformSession platform, int count, TimeSpan deadline)
    {
        var until = DateTimeOffset.UtcNow + deadline;
        while (DateTimeOffset.UtcNow < until)
        {
            if (await platform.AnnouncementCountAsync() >= count)
            {
                return DateTimeOffset.UtcNow;
            }
            await Task.Delay(100);
        }
        return null;
    }
}
