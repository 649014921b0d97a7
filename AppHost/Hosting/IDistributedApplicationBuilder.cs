using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CircularPlatform.Hosting;

public interface IDistributedApplicationBuilder
{
    /// <summary>Environment variables, then the command line (--key value or --key=value), which wins.</summary>
    IConfigurationManager Configuration { get; }

    /// <summary>Services of the application itself, e.g. more logging providers.</summary>
    IServiceCollection Services { get; }

    /// <summary>The run's data folder: configuration "DataFolder", default "&lt;cwd&gt;/.data"; created if missing.</summary>
    string DataFolder { get; }

    /// <summary>Configuration "Environment", default "Development"; given to every project.</summary>
    string EnvironmentName { get; }

    IReadOnlyList<IResource> Resources { get; }

    IResourceBuilder<T> AddResource<T>(T resource)
        where T : IResource;

    IResourceBuilder<RabbitMQServerResource> AddRabbitMQ(string name);

    IResourceBuilder<PostgresServerResource> AddPostgres(string name);

    IResourceBuilder<ConnectionStringResource> AddConnectionString(string name, string? defaultValue = null);

    IResourceBuilder<ProjectResource> AddProject<TProject>(string name)
        where TProject : IProjectMetadata, new();

    IResourceBuilder<ProjectResource> AddProject(string name, string targetPath);

    IResourceBuilder<ExecutableResource> AddExecutable(string name, string command, string workingDirectory, params string[] args);

    DistributedApplication Build();
}
