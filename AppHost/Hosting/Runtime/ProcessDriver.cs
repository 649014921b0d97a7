using System.Globalization;

namespace CircularPlatform.Hosting;

internal sealed class ProcessDriver(ProcessResource resource, HostingContext context) : IResourceDriver
{
    public string Type => resource is ProjectResource ? "Project" : "Executable";

    public int InstanceCount => resource.Replicas;

    public bool HasHealthCheck => resource.HealthCheckPath is not null;

    public string InstanceName(int index) => $"{resource.Name}-{index.ToString(CultureInfo.InvariantCulture)}";

    public IReadOnlyList<string> Urls(int index) =>
        index < resource.Urls.Count ? [resource.Urls[index].ToString().TrimEnd('/')] : [];

    public IReadOnlyDictionary<string, string> Environment(int index)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        if (index < resource.Ports.Count)
        {
            var url = resource.Urls[index].ToString().TrimEnd('/');
            if (resource is ProjectResource)
            {
                environment["ASPNETCORE_URLS"] = url;
            }
            if (resource.PortEnvironmentVariable is { } portVariable)
            {
                environment[portVariable] = resource.Ports[index].ToString(CultureInfo.InvariantCulture);
            }
        }
        environment["ASPNETCORE_ENVIRONMENT"] = context.EnvironmentName;
        environment["DOTNET_ENVIRONMENT"] = context.EnvironmentName;
        environment["OTEL_SERVICE_NAME"] = resource.Name;
        environment["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={InstanceName(index)}";
        // Read at each launch, so an endpoint configured after Build (e.g. the dashboard's receiver) is used.
        foreach (var key in (string[])["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_EXPORTER_OTLP_HEADERS"])
        {
            if (context.Configuration[key] is { Length: > 0 } value)
            {
                environment[key] = value;
            }
        }
        environment["DataFolder"] = context.DataFolder;
        foreach (var (key, value) in resource.Environment)
        {
            if (value() is { } resolved)
            {
                environment[key] = resolved;
            }
        }
        environment[HostingContext.RunMarkerVariable] = context.RunId;
        return environment;
    }

    public Task<RunningInstance> LaunchAsync(int index, Action<string, bool> onLine, CancellationToken cancellationToken)
    {
        if (resource is ProjectResource project && !File.Exists(project.TargetPath))
        {
            throw new FileNotFoundException($"{project.TargetPath} does not exist: build the project first.", project.TargetPath);
        }
        var environment = new Dictionary<string, string?>(Environment(index).Select(pair => KeyValuePair.Create(pair.Key, (string?)pair.Value)));
        if (resource is ProjectResource)
        {
            // Inherited from whoever runs us, they would fight ASPNETCORE_URLS.
            environment.TryAdd("ASPNETCORE_HTTP_PORTS", null);
            environment.TryAdd("ASPNETCORE_HTTPS_PORTS", null);
        }
        var child = ChildProcess.Start(resource.Command, resource.LaunchArguments, resource.WorkingDirectory, environment, onLine, newSession: true);
        return Task.FromResult(new RunningInstance(
            child.Pid,
            child.Exited,
            () => child.Exited.IsCompletedSuccessfully ? child.Exited.Result : null,
            () => child.StopAsync(context.StopGracePeriod)));
    }

    public Task<bool> CheckHealthAsync(int index, CancellationToken cancellationToken) =>
        resource.HealthCheckPath is { } path && index < resource.Urls.Count
            ? HttpHealthProbe.IsHealthyAsync(new Uri(resource.Urls[index], path), cancellationToken)
            : Task.FromResult(true);

    public ValueTask ShutdownAsync() => ValueTask.CompletedTask;
}
