namespace CircularPlatform.ProbeService;

/// <summary>A numbered message of a batch; a poisoned one makes the consumer fail until the cause is fixed.</summary>
public sealed record ProbeSent
{
    public required Guid ProbeId { get; init; }
    public required string Batch { get; init; }
    public required int Sequence { get; init; }
    public bool Poisoned { get; init; }
}
