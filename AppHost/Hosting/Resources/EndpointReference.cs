namespace CircularPlatform.Hosting;

/// <summary>
/// The HTTP endpoint of a resource, known only once its port is chosen at launch; as Aspire's
/// EndpointReference, given to another resource through WithEnvironment.
/// </summary>
public sealed class EndpointReference(ProcessResource resource)
{
    public ProcessResource Resource { get; } = resource;

    /// <summary>The first replica's URL, without a trailing slash; null before the ports are chosen.</summary>
    public string? Url => Resource.Urls is [var first, ..] ? first.ToString().TrimEnd('/') : null;
}
