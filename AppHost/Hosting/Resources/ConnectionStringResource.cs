namespace CircularPlatform.Hosting;

/// <summary>A connection string from configuration (ConnectionStrings:name) or a default; runs nothing.</summary>
public sealed class ConnectionStringResource(string name, string? value) : IResourceWithConnectionString
{
    public string Name { get; } = name;

    public string? ConnectionString { get; } = value;
}
