using CircularPlatform.Contracts.IntegrationEvents;
using CircularPlatform.Events.Infrastructure;
using CircularPlatform.Events.Model;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace CircularPlatform.Events.IntegrationEvents.EventHandling;

/// <summary>Keeps the name and address on the organisers' lists as the member now gives them.</summary>
public sealed class MemberProfileChangedConsumer(EventsContext db) : IConsumer<MemberProfileChanged>
{
    public async Task Consume(ConsumeContext<MemberProfileChanged> context)
    {
        var changed = context.Message;
        var name = changed.DisplayName[..Math.Min(changed.DisplayName.Length, EventRules.NameMaxLength)];
        string? email = changed.Email is { Length: > 0 and <= EventRules.EmailMaxLength } ? changed.Email : null;
        await db.Registrations
            .Where(r => r.MemberId == changed.MemberId)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.DisplayName, name).SetProperty(r => r.Email, email), context.CancellationToken);
    }
}
