namespace CircularPlatform.Messaging;

/// <summary>
/// The queues this service consumes from, one per consumer (e.g. <c>notifications-event-scheduled</c>);
/// each has its <c>_error</c> and <c>_skipped</c> companions in RabbitMQ.
/// </summary>
public sealed record ConsumerQueues(IReadOnlyList<string> Names)
{
    public const string ErrorSuffix = "_error";
    public const string SkippedSuffix = "_skipped";
}
