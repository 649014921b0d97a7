namespace CircularPlatform.ProbeService;

/// <summary>
/// One row per consumption, with no uniqueness of its own: a message consumed twice leaves two
/// rows, so only the inbox stands between a redelivery and a second effect.
/// </summary>
public sealed class Receipt
{
    public long Id { get; set; }
    public Guid ProbeId { get; set; }
    public string Batch { get; set; } = string.Empty;
    public int Sequence { get; set; }
    public string? TraceId { get; set; }
    public bool Fault { get; set; }
}
