using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CircularPlatform.Hosting;

internal sealed class DistributedApplicationBuilder : IDistributedApplicationBuilder
{
    private readonly List<IResource> _resources = [];
    private readonly ConfigurationManager _configuration = new();

    public DistributedApplicationBuilder(string[] args)
    {
        _configuration.AddEnvironmentVariables();
        _configuration.AddCommandLine(args);
        DataFolder = Path.GetFullPath(_configuration["DataFolder"] is { Length: > 0 } folder ? folder : Path.Combine(Directory.GetCurrentDirectory(), ".data"));
        Directory.CreateDirectory(DataFolder);
        EnvironmentName = _configuration["Environment"] is { Length: > 0 } environment ? environment : "Development";

        Services.AddSingleton<IConfiguration>(_configuration);
        Services.AddLogging(logging => logging
            .AddConfiguration(_configuration.GetSection("Logging"))
            .AddSimpleConsole(options =>
            {
                options.SingleLine = true;
                options.TimestampFormat = "HH:mm:ss ";
            }));
    }

    public IConfigurationManager Configuration => _configuration;

    public IServiceCollection Services { get; } = new ServiceCollection();

    public string DataFolder { get; }

    public string EnvironmentName { get; }

    public IReadOnlyList<IResource> Resources => _resources;

    public IResourceBuilder<T> AddResource<T>(T resource)
        where T : IResource
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resource.Name);
        if (_resources.Any(r => string.Equals(r.Name, resource.Name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidOperationException($"A resource named '{resource.Name}' already exists.");
        }
        _resources.Add(resource);
        return new ResourceBuilder<T>(this, resource);
    }

    public IResourceBuilder<RabbitMQServerResource> AddRabbitMQ(string name) =>
        AddResource(new RabbitMQServerResource(name, Path.Combine(DataFolder, name), ConfiguredConnectionString(name)));

    public IResourceBuilder<PostgresServerResource> AddPostgres(string name) =>
        AddResource(new PostgresServerResource(name, Path.Combine(DataFolder, name), ConfiguredConnectionString(name)));

    public IResourceBuilder<ConnectionStringResource> AddConnectionString(string name, string? defaultValue = null) =>
        AddResource(new ConnectionStringResource(name, ConfiguredConnectionString(name) ?? defaultValue));

    public IResourceBuilder<ProjectResource> AddProject<TProject>(string name)
        where TProject : IProjectMetadata, new()
    {
        var metadata = new TProject();
        return AddResource(new ProjectResource(name, metadata.TargetPath, metadata.ProjectPath));
    }

    public IResourceBuilder<ProjectResource> AddProject(string name, string targetPath) =>
        AddResource(new ProjectResource(name, targetPath));

    public IResourceBuilder<ExecutableResource> AddExecutable(string name, string command, string workingDirectory, params string[] args) =>
        AddResource(new ExecutableResource(name, command, workingDirectory, args));

    public DistributedApplication Build()
    {
        ThrowOnWaitCycle();
        foreach (var process in _resources.OfType<ProcessResource>())
        {
            process.AllocatePorts();
        }
        var context = new HostingContext(
            DataFolder,
            EnvironmentName,
            _configuration,
            Guid.NewGuid().ToString("N"),
            TimeSpan.FromSeconds(_configuration.GetValue("StopGracePeriodSeconds", 10.0)));
        return new DistributedApplication(
            Services.BuildServiceProvider(),
            _resources,
            resource => resource switch
            {
                ProcessResource process => new ProcessDriver(process, context),
                RabbitMQServerResource rabbit => new RabbitMqDriver(rabbit, context),
                PostgresServerResource postgres => new PostgresDriver(postgres, context),
                PostgresDatabaseResource database => new PostgresDatabaseDriver(database),
                ConnectionStringResource connection => new ConnectionStringDriver(connection),
                _ => throw new NotSupportedException($"No way to run a {resource.GetType().Name}."),
            },
            context,
            TimeSpan.FromSeconds(_configuration.GetValue("StartTimeoutSeconds", 180.0)));
    }

    private string? ConfiguredConnectionString(string name) =>
        _configuration[$"ConnectionStrings:{name}"] is { Length: > 0 } value ? value : null;

    private void ThrowOnWaitCycle()
    {
        var visiting = new HashSet<IResource>();
        var done = new HashSet<IResource>();
        foreach (var resource in _resources)
        {
            Visit(resource, []);
        }

        void Visit(IResource resource, List<string> path)
        {
            if (done.Contains(resource))
            {
                return;
            }
            if (!visiting.Add(resource))
            {
                throw new InvalidOperationException($"WaitFor cycle: {string.Join(" -> ", path)} -> {resource.Name}");
            }
            if (resource is ProcessResource process)
            {
                foreach (var dependency in process.WaitsFor)
                {
                    Visit(dependency, [.. path, resource.Name]);
                }
            }
            visiting.Remove(resource);
            done.Add(resource);
        }
    }
}
