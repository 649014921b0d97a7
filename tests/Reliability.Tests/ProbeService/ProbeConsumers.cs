using System.Diagnostics;
using MassTransit;

namespace CircularPlatform.ProbeService;

public sealed class ProbeCause
{
    /// <summary>Until fixed, poisoned messages make the consumer throw.</summary>
    public volatile bool Fixed;
}

public sealed class ProbeConsumer(ProbeDatabase db, ProbeCause cause) : IConsumer<ProbeSent>
{
    public async Task Consume(ConsumeContext<ProbeSent> context)
    {
        var probe = context.Message;
        // The effect must commit with the inbox record: the consumer shares the inbox's DbContext.
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("The consumer runs outside the inbox's transaction.");
        }
        if (probe.Poisoned && !cause.Fixed)
        {
            throw new InvalidOperationException($"probe {probe.Sequence} of {probe.Batch} hit the unfixed cause");
        }
        db.Receipts.Add(new Receipt
        {
            ProbeId = probe.ProbeId,
            Batch = probe.Batch,
            Sequence = probe.Sequence,
            TraceId = Activity.Current?.TraceId.ToString(),
        });
        await db.SaveChangesAsync(context.CancellationToken);
    }
}

/// <summary>Sees the Fault&lt;T&gt; MassTransit publishes when a message ends in the error queue.</summary>
public sealed class ProbeFaultConsumer(ProbeDatabase db) : IConsumer<Fault<ProbeSent>>
{
    public async Task Consume(ConsumeContext<Fault<ProbeSent>> context)
    {
        var probe = context.Message.Message;
        db.Receipts.Add(new Receipt { ProbeId = probe.ProbeId, Batch = probe.Batch, Sequence = probe.Sequence, Fault = true });
        await db.SaveChangesAsync(context.CancellationToken);
    }
}
