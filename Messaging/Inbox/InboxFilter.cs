using MassTransit;

namespace CircularPlatform.Messaging.Inbox;

/// <summary>
/// Put in front of every consumer by the messaging layer, so no consumer can forget it: the
/// consumer's effect and the record of the message are committed together, once.
/// </summary>
public sealed class InboxFilter<TMessage>(IConsumeOnce inbox) : IFilter<ConsumeContext<TMessage>> where TMessage : class
{
    public Task Send(ConsumeContext<TMessage> context, IPipe<ConsumeContext<TMessage>> next) => inbox.ConsumeAsync(context, next);

    public void Probe(ProbeContext context) => context.CreateFilterScope("inbox");
}
