namespace CircularPlatform.Messaging.Operations;

/// <param name="QueueDeclared">False when the consumer queue is unknown to the broker; nothing was moved then.</param>
/// <param name="Moved">Messages now back in the consumer queue and gone from the error queue.</param>
/// <param name="Refused">Messages the broker would not take back (a full queue); they stay in the error queue.</param>
internal readonly record struct ReplayOutcome(bool QueueDeclared, int Moved, int Refused);
