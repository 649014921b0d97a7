using MassTransit.Testing;

namespace CircularPlatform.TestSupport;

public static class HarnessExtensions
{
    /// <summary>
    /// The first published message that matches, waiting for the outbox relay to deliver it. The
    /// harness's own Any gives up once the bus has been idle a moment, which can come before a
    /// relay poll.
    /// </summary>
    public static async Task<T?> PublishedAsync<T>(this ITestHarness harness, Func<T, bool> match, TimeSpan? timeout = null) where T : class
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var found = harness.Published.Select<T>().Select(m => m.Context.Message).FirstOrDefault(match);
            if (found is not null || DateTime.UtcNow > deadline)
            {
                return found;
            }
            await Task.Delay(50);
        }
    }
}
