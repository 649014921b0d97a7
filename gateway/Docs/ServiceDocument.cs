using System.Text.Json.Nodes;

namespace CircularPlatform.Gateway.Docs;

/// <summary>
/// One service's OpenAPI document as the gateway read it, or why it could not: the reference then
/// says which part of the API is missing instead of failing as a whole.
/// </summary>
public sealed record ServiceDocument(string Service, JsonObject? Document, string? Unavailable)
{
    public static ServiceDocument Read(string service, JsonObject document) => new(service, document, null);

    public static ServiceDocument Missing(string service, string reason) => new(service, null, reason);
}
