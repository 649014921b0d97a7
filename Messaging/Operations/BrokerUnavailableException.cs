namespace CircularPlatform.Messaging.Operations;

/// <summary>
/// The broker could not be reached or dropped the connection while ops were looking at it or
/// replaying; answered as 503 so that a broker outage is never mistaken for a bug of the service.
/// </summary>
internal sealed class BrokerUnavailableException(string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>Messages already moved back when a replay was interrupted; they are safe in their queue.</summary>
    public int Moved { get; init; }
}
