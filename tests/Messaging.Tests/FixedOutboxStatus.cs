using CircularPlatform.Messaging.Outbox;

namespace CircularPlatform.Messaging.Tests;

internal sealed class FixedOutboxStatus(OutboxStatus status) : IOutboxStatusSource
{
    public Task<OutboxStatus> GetStatusAsync(CancellationToken cancellationToken) => Task.FromResult(status);
}
