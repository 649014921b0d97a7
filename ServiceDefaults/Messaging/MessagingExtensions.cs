using System.Reflection;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

public static class MessagingExtensions
{
    public const string ConnectionName = "messaging";

    /// <summary>
    /// MassTransit over RabbitMQ from <c>ConnectionStrings:messaging</c> (an <c>amqp://</c> URI).
    /// Every consumer of <paramref name="consumers"/> gets its own kebab-case queue, prefixed with the
    /// service's name so that two services consuming the same event never compete for it. A message
    /// that keeps failing after the bounded retries is moved to <c>&lt;queue&gt;_error</c>, never dropped.
    /// </summary>
    public static TBuilder AddMessaging<TBuilder>(this TBuilder builder, Assembly consumers) where TBuilder : IHostApplicationBuilder
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionName} is not set: give the RabbitMQ broker as amqp://user:password@host:port/ " +
                "(the AppHost sets it for every service).");
        }
        var queuePrefix = TelemetryExtensions.ShortName(builder.Environment.ApplicationName);

        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(queuePrefix, includeNamespace: false));
            bus.AddConsumers(consumers);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(new Uri(connectionString));
                rabbit.UseMessageRetry(retry => retry.Intervals(
                    TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2)));
                rabbit.ConfigureEndpoints(context);
            });
        });
        return builder;
    }
}
