namespace CircularPlatform.Hosting;

/// <summary>Anything the application runs or refers to: a process, a server, a connection string.</summary>
public interface IResource
{
    string Name { get; }
}

/// <summary>A resource others reach through a connection string (ConnectionStrings__name).</summary>
public interface IResourceWithConnectionString : IResource
{
    /// <summary>Null when nothing is configured for it; known once the application is built.</summary>
    string? ConnectionString { get; }
}
