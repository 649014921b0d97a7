namespace CircularPlatform.Messaging.Operations;

/// <summary>A queue as the broker sees it; an undeclared queue has no messages and no consumers.</summary>
internal readonly record struct QueueDepth(bool Declared, long Messages, long Consumers)
{
    public static QueueDepth Absent => new(false, 0, 0);
}
