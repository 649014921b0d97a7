namespace CircularPlatform.Hosting;

/// <summary>
/// Covariant, as in Aspire, so that a builder of a concrete resource can be passed wherever a
/// builder of one of its interfaces is expected (WithReference, WaitFor).
/// </summary>
public interface IResourceBuilder<out T>
    where T : IResource
{
    IDistributedApplicationBuilder ApplicationBuilder { get; }

    T Resource { get; }
}

internal sealed record ResourceBuilder<T>(IDistributedApplicationBuilder ApplicationBuilder, T Resource) : IResourceBuilder<T>
    where T : IResource;
