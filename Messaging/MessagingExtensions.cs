using System.Reflection;
using CircularPlatform.Contracts.IntegrationEvents;
using CircularPlatform.Messaging;
using CircularPlatform.Messaging.AccessRevocation;
using CircularPlatform.Messaging.Inbox;
using CircularPlatform.Messaging.Outbox;
using MassTransit;
using MassTransit.Logging;
using MassTransit.Monitoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

public static class MessagingExtensions
{
    public const string ConnectionName = "messaging";

    /// <summary>
    /// Reliable messaging over RabbitMQ (MassTransit) from <c>ConnectionStrings:messaging</c>, for a
    /// service whose database is <typeparamref name="TContext"/> (which calls
    /// <see cref="MessagingModelExtensions.AddMessagingTables"/>):
    /// <list type="bullet">
    /// <item>integration events go through the transactional outbox (<see cref="OutboxExtensions.AddIntegrationEvent"/>)
    /// and a relay publishes them with MessageId = the row's id;</item>
    /// <item>every consumer of <paramref name="consumers"/> gets its own kebab-case queue, prefixed with the
    /// service's name so two services consuming the same event never compete for it, and sits behind the
    /// inbox, so a message delivered twice has one effect;</item>
    /// <item>a message that still fails after bounded retries is moved to <c>&lt;queue&gt;_error</c> with its
    /// reason and a <c>Fault&lt;T&gt;</c> is published; one of a type nobody here consumes goes to
    /// <c>&lt;queue&gt;_skipped</c>. Nothing is acknowledged and forgotten.</item>
    /// </list>
    /// </summary>
    public static IHostApplicationBuilder AddMessaging<TContext>(this IHostApplicationBuilder builder, Assembly consumers)
        where TContext : DbContext
    {
        var connectionString = RequiredConnectionString(builder);
        var formatter = EndpointNames(builder);

        var services = builder.Services;
        AddBusTelemetry(services);
        services.Configure<OutboxOptions>(builder.Configuration.GetSection("Messaging:Outbox"));
        services.AddSingleton<OutboxMetrics>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<IInterceptor, OutboxSignalInterceptor>();
        services.AddSingleton<OutboxRelay<TContext>>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxRelay<TContext>>());
        services.AddSingleton<IOutboxStatusSource>(sp => sp.GetRequiredService<OutboxRelay<TContext>>());
        services.AddScoped<IConsumeOnce, Inbox<TContext>>();
        services.AddSingleton(new ConsumerQueues(QueueNames(consumers, formatter)));
        builder.AddMessagingOperations();

        services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(formatter);
            bus.AddConsumers(consumers);
            bus.AddAccessRevocationConsumer();
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(new Uri(connectionString));
                // Short blips (a lock, a restarting database) are retried at once; what still fails is
                // moved to the error queue with its reason.
                rabbit.UseMessageRetry(retry => retry.Intervals(
                    TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2)));
                // Every instance hears each revocation itself (AccessRevocationConsumer).
                rabbit.UseConsumeFilter(typeof(InboxFilter<>), context, messages => messages.Exclude(typeof(MemberAccessRevoked)));
                rabbit.ConfigureEndpoints(context);
            });
        });
        return builder;
    }

    /// <summary>
    /// For a process that only has to hear whose tokens Members revoked (the gateway): a bus with
    /// that one consumer, on a queue of the instance's own; no outbox, no inbox, nothing published.
    /// </summary>
    public static IHostApplicationBuilder AddAccessRevocationFeed(this IHostApplicationBuilder builder)
    {
        var connectionString = RequiredConnectionString(builder);
        var formatter = EndpointNames(builder);
        AddBusTelemetry(builder.Services);
        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(formatter);
            bus.AddAccessRevocationConsumer();
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(new Uri(connectionString));
                rabbit.ConfigureEndpoints(context);
            });
        });
        return builder;
    }

    /// <summary>So that a trace crosses the broker into the consumers: the service defaults' telemetry collects these only in processes that have a bus.</summary>
    private static void AddBusTelemetry(IServiceCollection services)
    {
        services.AddMetrics();
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddSource(DiagnosticHeaders.DefaultListenerName));
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddMeter(InstrumentationOptions.MeterName));
    }

    /// <summary>Queues named for the service (kebab-case, prefixed), so two services never share one.</summary>
    private static KebabCaseEndpointNameFormatter EndpointNames(IHostApplicationBuilder builder) =>
        new(TelemetryExtensions.ShortName(builder.Environment.ApplicationName), includeNamespace: false);

    private static string RequiredConnectionString(IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionName} is not set: give the RabbitMQ broker as amqp://user:password@host:port/ " +
                "(the AppHost sets it for every service).");
        }
        return connectionString;
    }

    private static List<string> QueueNames(Assembly consumers, IEndpointNameFormatter formatter)
    {
        var consumerOf = typeof(IEndpointNameFormatter).GetMethod(nameof(IEndpointNameFormatter.Consumer))!;
        return consumers.GetTypes()
            .Where(type => type is { IsClass: true, IsAbstract: false } && typeof(IConsumer).IsAssignableFrom(type))
            .Select(type => (string)consumerOf.MakeGenericMethod(type).Invoke(formatter, null)!)
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
