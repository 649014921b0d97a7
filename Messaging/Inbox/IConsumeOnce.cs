using MassTransit;

namespace CircularPlatform.Messaging.Inbox;

public interface IConsumeOnce
{
    Task ConsumeAsync<TMessage>(ConsumeContext<TMessage> context, IPipe<ConsumeContext<TMessage>> next) where TMessage : class;
}
