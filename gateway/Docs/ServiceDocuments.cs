using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Yarp.ReverseProxy;

namespace CircularPlatform.Gateway.Docs;

/// <summary>
/// Reads each routed service's <c>/openapi/v1.json</c> from one of the replicas the proxy would use
/// (the ones service discovery gave and the health probes did not rule out), trying the next replica
/// when one fails. The gateway forwards only <c>/api/**</c>, so nobody outside reaches these documents.
/// </summary>
internal sealed partial class ServiceDocuments(IProxyStateLookup proxy, IHttpClientFactory clients, ILogger<ServiceDocuments> logger)
{
    public const string ClientName = "service-documents";
    private const string DocumentPath = "/openapi/v1.json";

    public async Task<IReadOnlyList<ServiceDocument>> ReadAllAsync(CancellationToken cancellationToken)
    {
        var services = proxy.GetClusters().OrderBy(cluster => cluster.ClusterId, StringComparer.Ordinal).ToList();
        return await Task.WhenAll(services.Select(cluster => ReadAsync(cluster.ClusterId, cluster.DestinationsState.AvailableDestinations, cancellationToken)));
    }

    private async Task<ServiceDocument> ReadAsync(string service, IReadOnlyList<Yarp.ReverseProxy.Model.DestinationState> replicas, CancellationToken cancellationToken)
    {
        if (replicas.Count == 0)
        {
            return ServiceDocument.Missing(service, "no replica is available");
        }
        // The reasons are shown to anyone reading the reference: they never carry a replica's address.
        var reason = "it did not answer";
        var client = clients.CreateClient(ClientName);
        foreach (var replica in replicas)
        {
            var address = new Uri(new Uri(replica.Model.Config.Address), DocumentPath);
            try
            {
                using var response = await client.GetAsync(address, cancellationToken);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    reason = $"its document answered {(int)response.StatusCode}";
                    LogFailed(logger, service, address, reason);
                    continue;
                }
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                if (await JsonNode.ParseAsync(body, cancellationToken: cancellationToken) is JsonObject { } document && document["paths"] is JsonObject)
                {
                    return ServiceDocument.Read(service, document);
                }
                reason = "its document is not an OpenAPI document";
                LogFailed(logger, service, address, reason);
            }
            catch (Exception e) when (e is HttpRequestException or JsonException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                reason = e is JsonException ? "its document is not valid JSON" : "it did not answer";
                // Expected while a replica is down: the message says enough, a stack trace would bury it.
                LogFailed(logger, service, address, $"{reason} ({e.Message})");
            }
        }
        return ServiceDocument.Missing(service, reason);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The API reference leaves {Service} out: {Address}: {Reason}")]
    private static partial void LogFailed(ILogger logger, string service, Uri address, string reason);
}
