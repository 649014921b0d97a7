using CircularPlatform.Contracts.IntegrationEvents;
using CircularPlatform.ServiceDefaults.Identity;
using MassTransit;

namespace CircularPlatform.Messaging.AccessRevocation;

/// <summary>
/// Hears that Members revoked a member's access, so that this process refuses the member's older
/// tokens from the next request on. Every instance of every process hears each revocation, on a
/// queue of its own that lives as long as the instance: replicas do not share the work here, each
/// must know. Not behind the inbox, which replicas share through their database (only the first
/// would hear it); hearing one twice changes nothing.
/// </summary>
public sealed class AccessRevocationConsumer(RevokedAccess revoked) : IConsumer<MemberAccessRevoked>
{
    public Task Consume(ConsumeContext<MemberAccessRevoked> context)
    {
        revoked.Revoke(context.Message.MemberId, context.Message.AccessVersion);
        return Task.CompletedTask;
    }
}

internal static class AccessRevocationRegistration
{
    /// <summary>A temporary queue per instance (deleted when it stops), bound to the revocations.</summary>
    public static void AddAccessRevocationConsumer(this IBusRegistrationConfigurator bus) =>
        bus.AddConsumer<AccessRevocationConsumer>().Endpoint(endpoint =>
        {
            endpoint.Temporary = true;
            endpoint.InstanceId = "-" + NewId.NextGuid().ToString("N")[..12];
        });
}
