using System.Globalization;

namespace CircularPlatform.Hosting;

/// <summary>The Aspire-named ways to shape resources.</summary>
public static class ResourceBuilderExtensions
{
    /// <summary>ConnectionStrings__{name} = the source's connection string, as Aspire names it.</summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResourceWithConnectionString> source)
        where T : ProcessResource
    {
        var resource = source.Resource;
        builder.Resource.References.Add(resource);
        builder.Resource.Environment.Add(new($"ConnectionStrings__{resource.Name}", () => resource.ConnectionString));
        return builder;
    }

    /// <summary>services__{name}__http__{i} = the URL of each replica of the project, as Aspire's service discovery reads it.</summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<ProcessResource> source)
        where T : ProcessResource
    {
        var resource = source.Resource;
        if (!resource.HasHttpEndpoint)
        {
            throw new InvalidOperationException($"'{resource.Name}' has no HTTP endpoint to refer to.");
        }
        builder.Resource.References.Add(resource);
        for (var i = 0; i < resource.Replicas; i++)
        {
            var index = i;
            builder.Resource.Environment.Add(new(
                $"services__{resource.Name}__http__{index.ToString(CultureInfo.InvariantCulture)}",
                () => index < resource.Urls.Count ? resource.Urls[index].ToString().TrimEnd('/') : null));
        }
        return builder;
    }

    /// <summary>Starts the resource only once <paramref name="dependency"/> is healthy (every replica of it).</summary>
    public static IResourceBuilder<T> WaitFor<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResource> dependency)
        where T : ProcessResource
    {
        builder.Resource.WaitsFor.Add(dependency.Resource);
        return builder;
    }

    public static IResourceBuilder<T> WithReplicas<T>(this IResourceBuilder<T> builder, int replicas)
        where T : ProcessResource
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(replicas, 1);
        builder.Resource.Replicas = replicas;
        return builder;
    }

    /// <summary>Healthy when GET path answers 2xx: polled every 500 ms while starting, every 5 s after.</summary>
    public static IResourceBuilder<T> WithHttpHealthCheck<T>(this IResourceBuilder<T> builder, string path = "/health")
        where T : ProcessResource
    {
        builder.Resource.HasHttpEndpoint = true;
        builder.Resource.HealthCheckPath = path.StartsWith('/') ? path : "/" + path;
        if (builder.Resource is ExecutableResource)
        {
            builder.Resource.PortEnvironmentVariable ??= "PORT";
        }
        return builder;
    }

    /// <summary>
    /// An HTTP endpoint on a fixed port, or a free loopback port when null. Projects are given it in
    /// ASPNETCORE_URLS; an executable gets it in the variable <paramref name="env"/> (default PORT).
    /// </summary>
    public static IResourceBuilder<T> WithHttpEndpoint<T>(this IResourceBuilder<T> builder, int? port = null, string? env = null)
        where T : ProcessResource
    {
        builder.Resource.HasHttpEndpoint = true;
        builder.Resource.FixedPort = port;
        builder.Resource.PortEnvironmentVariable = env ?? (builder.Resource is ExecutableResource ? "PORT" : builder.Resource.PortEnvironmentVariable);
        return builder;
    }

    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string key, string value)
        where T : ProcessResource
    {
        builder.Resource.Environment.Add(new(key, () => value));
        return builder;
    }

    /// <summary>The variable <paramref name="key"/> = the URL of <paramref name="endpoint"/>, resolved at launch.</summary>
    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string key, EndpointReference endpoint)
        where T : ProcessResource
    {
        if (!ReferenceEquals(endpoint.Resource, builder.Resource))
        {
            builder.Resource.References.Add(endpoint.Resource);
        }
        builder.Resource.Environment.Add(new(key, () => endpoint.Url));
        return builder;
    }

    /// <summary>The resource's HTTP endpoint ("http", the only kind there is here).</summary>
    public static EndpointReference GetEndpoint<T>(this IResourceBuilder<T> builder, string name = "http")
        where T : ProcessResource
    {
        if (name != "http" || !builder.Resource.HasHttpEndpoint)
        {
            throw new InvalidOperationException($"'{builder.Resource.Name}' has no '{name}' endpoint.");
        }
        return new EndpointReference(builder.Resource);
    }

    public static IResourceBuilder<T> WithArgs<T>(this IResourceBuilder<T> builder, params string[] args)
        where T : ProcessResource
    {
        foreach (var arg in args)
        {
            builder.Resource.Args.Add(arg);
        }
        return builder;
    }

    /// <summary>The management UI of a local broker (on by default for AddRabbitMQ).</summary>
    public static IResourceBuilder<RabbitMQServerResource> WithManagementPlugin(this IResourceBuilder<RabbitMQServerResource> builder, bool enabled = true)
    {
        builder.Resource.EnableManagement = enabled;
        return builder;
    }

    /// <summary>A database of the server, as a connection-string resource named <paramref name="name"/>.</summary>
    public static IResourceBuilder<PostgresDatabaseResource> AddDatabase(
        this IResourceBuilder<PostgresServerResource> builder, string name, string? databaseName = null)
    {
        var configured = builder.ApplicationBuilder.Configuration[$"ConnectionStrings:{name}"];
        var database = new PostgresDatabaseResource(name, databaseName ?? name, builder.Resource, string.IsNullOrEmpty(configured) ? null : configured);
        builder.Resource.Add(database);
        return builder.ApplicationBuilder.AddResource(database);
    }
}
