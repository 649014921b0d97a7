using System.Globalization;
using CircularPlatform.Messaging;
using CircularPlatform.Messaging.Operations;
using CircularPlatform.Messaging.Outbox;
using CircularPlatform.ServiceDefaults.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What ops can see and do about a service's messaging: the outbox backlog, the depth of its
/// consumer queues and of their error and skipped companions, and replaying failed messages once the
/// cause is fixed. Served under <c>/ops/messaging</c>, which the public gateway never forwards (it
/// forwards <c>/api/**</c> only), and kept out of the OpenAPI document.
/// </summary>
public static class MessagingOperationsExtensions
{
    public const string BasePath = "/ops/messaging";

    /// <summary>
    /// The broker access the ops endpoints need and the error-queue gauge. The service's
    /// <see cref="ConsumerQueues"/> and <see cref="IOutboxStatusSource"/> are picked up when
    /// registered, before or after this call.
    /// </summary>
    public static TBuilder AddMessagingOperations<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var services = builder.Services;
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<BrokerQueues>();
        services.TryAddSingleton<ErrorQueueGauge>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ErrorQueueGauge>(sp => sp.GetRequiredService<ErrorQueueGauge>()));
        return builder;
    }

    /// <summary>
    /// <c>GET /ops/messaging</c> and <c>POST /ops/messaging/queues/{queue}/replay-errors?max=N</c>,
    /// mapped by each service that uses messaging beside its default endpoints. Without
    /// <see cref="AddMessagingOperations"/> (which <c>AddMessaging</c> calls) the group stays empty.
    /// Only the club's administrators may use them, even though the gateway does not route them:
    /// replaying messages is a write, and each service checks its writes itself.
    /// </summary>
    public static RouteGroupBuilder MapMessagingOperations(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(BasePath).ExcludeFromDescription().RequireAuthorization(ClubPolicies.Admin);
        if (endpoints.ServiceProvider.GetService<BrokerQueues>() is null)
        {
            return group;
        }
        group.MapGet(string.Empty, GetStatusAsync).WithName("MessagingStatus");
        group.MapPost("/queues/{queue}/replay-errors", ReplayErrorsAsync).WithName("ReplayMessagingErrors");
        return group;
    }

    private static async Task<IResult> GetStatusAsync(
        BrokerQueues broker,
        [FromServices] IOutboxStatusSource? outbox,
        [FromServices] ConsumerQueues? consumerQueues,
        CancellationToken cancellationToken)
    {
        OutboxReport? outboxReport = null;
        if (outbox is not null)
        {
            var status = await outbox.GetStatusAsync(cancellationToken);
            outboxReport = new OutboxReport(status.Backlog, status.OldestUnsentAgeSeconds, status.Dead);
        }

        var names = consumerQueues?.Names ?? [];
        IReadOnlyList<QueueDepth> depths;
        try
        {
            depths = await broker.GetDepthsAsync(
                [.. names.SelectMany(name => new[] { name, name + ConsumerQueues.ErrorSuffix, name + ConsumerQueues.SkippedSuffix })],
                cancellationToken);
        }
        catch (BrokerUnavailableException e)
        {
            // The outbox backlog matters most while the broker is away, so the status still answers.
            return TypedResults.Ok(new MessagingStatusReport(new BrokerReport(false, e.Message), outboxReport, []));
        }

        var queues = names.Select((name, i) =>
        {
            var (queue, errors, skipped) = (depths[3 * i], depths[(3 * i) + 1], depths[(3 * i) + 2]);
            return new QueueReport(name, queue.Declared, queue.Messages, queue.Consumers, errors.Messages, skipped.Messages);
        });
        return TypedResults.Ok(new MessagingStatusReport(new BrokerReport(true, null), outboxReport, [.. queues]));
    }

    private static async Task<IResult> ReplayErrorsAsync(
        string queue,
        string? max,
        BrokerQueues broker,
        [FromServices] ConsumerQueues? consumerQueues,
        CancellationToken cancellationToken)
    {
        // Only this service's own queues: ops must not be able to push messages into another
        // service's queue, nor into an error queue, through this endpoint.
        if (consumerQueues is null || !consumerQueues.Names.Contains(queue, StringComparer.Ordinal))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "This service has no such consumer queue.",
                detail: "Give the name of one of the queues listed by GET " + BasePath + ".");
        }
        // Parsed here rather than bound as int? so that a wrong value is named like any other invalid field.
        var limit = BrokerQueues.MaxReplay;
        if (max is not null && (!int.TryParse(max, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["max"] = [$"Give a whole number of at least 1, or leave it out to move every message now there (at most {BrokerQueues.MaxReplay})."],
            });
        }

        try
        {
            var outcome = await broker.ReplayErrorsAsync(queue, limit, cancellationToken);
            if (!outcome.QueueDeclared)
            {
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status409Conflict,
                    title: "The queue is not declared on the broker.",
                    detail: "Its consumer has not started yet; the failed messages stay in the error queue until it has.");
            }
            if (outcome.Refused > 0)
            {
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status503ServiceUnavailable,
                    title: "The broker did not take every message back.",
                    detail: $"{outcome.Refused} message(s) were refused (is the queue full?) and stay in the error queue; try again once it has room.",
                    extensions: new Dictionary<string, object?> { ["moved"] = outcome.Moved });
            }
            return TypedResults.Ok(new ReplayReport(outcome.Moved));
        }
        catch (BrokerUnavailableException e)
        {
            return BrokerUnavailable(e, e.Moved);
        }
    }

    private static ProblemHttpResult BrokerUnavailable(BrokerUnavailableException e, int? moved) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "The message broker is unavailable.",
            detail: e.Message,
            extensions: moved is { } count ? new Dictionary<string, object?> { ["moved"] = count } : null);
}
