using System.Globalization;
using Aspire.Hosting.ApplicationModel;
using CircularPlatform.AppHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Aspire.Hosting;

public static class RabbitMQNodeBuilderExtensions
{
    /// <summary>
    /// An isolated RabbitMQ node kept in <paramref name="folder"/>, with its epmd as a child
    /// resource. Ports are drawn below the ephemeral range: the node binds them seconds after they
    /// are chosen, and a port in that range is what the kernel hands to outgoing connections.
    /// </summary>
    public static IResourceBuilder<RabbitMQNodeResource> AddRabbitMQNode(this IDistributedApplicationBuilder builder, [ResourceName] string name, string folder)
    {
        var layout = RabbitMQNodeLayout.LoadOrCreate(Path.GetFullPath(folder));
        var password = builder.AddParameter($"{name}-password", layout.Password, secret: true);
        var node = new RabbitMQNodeResource(name, layout.Folder, layout.User, password.Resource);
        var (amqpPort, distributionPort, epmdPort) = (FreePorts.Next(), FreePorts.Next(), FreePorts.Next());

        var epmdCheck = $"{name}-epmd-listens";
        builder.Services.AddHealthChecks().AddAsyncCheck(epmdCheck, async cancellationToken =>
            await FreePorts.IsListeningAsync(epmdPort, cancellationToken).ConfigureAwait(false)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"epmd does not accept connections on 127.0.0.1:{epmdPort}"));
        var epmd = builder.AddResource(new EpmdResource($"{name}-epmd", layout.Folder))
            .WithParentRelationship(node)
            .WithArgs("-port", epmdPort.ToString(CultureInfo.InvariantCulture), "-address", "127.0.0.1")
            .WithHealthCheck(epmdCheck);

        var amqpCheck = $"{name}-amqp";
        var uri = new Uri($"amqp://{layout.User}:{layout.Password}@127.0.0.1:{amqpPort}/");
        var amqp = new AmqpHealthCheck(uri);
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(amqpCheck, _ => amqp, failureStatus: null, tags: null));

        return builder.AddResource(node)
            .WithEndpoint(port: amqpPort, targetPort: amqpPort, scheme: "amqp", name: RabbitMQNodeResource.AmqpEndpointName, isProxied: false)
            .WithEnvironment(context =>
            {
                foreach (var (key, value) in layout.Environment(amqpPort, distributionPort, epmdPort))
                {
                    context.EnvironmentVariables[key] = value;
                }
            })
            .OnBeforeResourceStarted((resource, _, _) =>
            {
                layout.WriteFiles(amqpPort, resource.ManagementPort());
                return Task.CompletedTask;
            })
            .WithHealthCheck(amqpCheck)
            .WaitFor(epmd);
    }

    /// <summary>The management UI, on loopback, shown as the resource's URL on the dashboard.</summary>
    public static IResourceBuilder<RabbitMQNodeResource> WithManagementPlugin(this IResourceBuilder<RabbitMQNodeResource> builder)
    {
        var port = FreePorts.Next();
        return builder
            .WithHttpEndpoint(port: port, targetPort: port, name: RabbitMQNodeResource.ManagementEndpointName, isProxied: false)
            .WithUrlForEndpoint(RabbitMQNodeResource.ManagementEndpointName, url => url.DisplayText = "management UI");
    }

    private static int? ManagementPort(this RabbitMQNodeResource node) =>
        node.Annotations.OfType<EndpointAnnotation>().FirstOrDefault(e => e.Name == RabbitMQNodeResource.ManagementEndpointName)?.TargetPort;
}
