using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CircularPlatform.TestSupport;

/// <summary>
/// Walks every operation of a service's OpenAPI document with input no client should send:
/// malformed JSON, values of the wrong type, NUL characters, overlong strings, out-of-range paging,
/// in the body, the query and the path. Whatever the service answers, it must not be a 5xx, and an
/// error must be a problem document that shows no internals. A new endpoint is walked as soon as
/// the document lists it.
/// </summary>
public sealed class BadInputWalker(HttpClient client, string documentPath = "/openapi/v1.json")
{
    // In a body, far beyond any field's limit and within the body's; in a URL, within what a server reads.
    private const int Overlong = 20_000;
    private const int OverlongInUrl = 2_000;
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    public int RequestsSent { get; private set; }

    /// <summary>Walks the document and fails with the first answers that broke the rules.</summary>
    public static async Task AssertAllHoldAsync(HttpClient client, int atLeast = 10)
    {
        var walker = new BadInputWalker(client);
        var failures = await walker.WalkAsync();
        Xunit.Assert.True(walker.RequestsSent >= atLeast, $"only {walker.RequestsSent} requests were made from the document");
        Xunit.Assert.True(failures.Count == 0,
            $"{failures.Count} of {walker.RequestsSent} bad requests were answered wrongly:\n" + string.Join('\n', failures.Take(30)));
    }

    /// <summary>Every answer that broke the rules, as "METHOD url → status: why"; empty when all held.</summary>
    public async Task<IReadOnlyList<string>> WalkAsync()
    {
        var document = JsonNode.Parse(await client.GetStringAsync(documentPath))!.AsObject();
        var failures = new List<string>();
        foreach (var (template, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject().Where(o => Methods.Contains(o.Key)))
            {
                var shape = new Operation(document, template, method.ToUpperInvariant(), operation!.AsObject(), item.AsObject());
                foreach (var request in shape.Variants())
                {
                    RequestsSent++;
                    if (await CheckAsync(request) is { } failure)
                    {
                        failures.Add(failure);
                    }
                }
            }
        }
        return failures;
    }

    private async Task<string?> CheckAsync(BadRequest request)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Url);
        if (request.Body is not null)
        {
            message.Content = new StringContent(request.Body, Encoding.UTF8, "application/json");
        }
        using var response = await client.SendAsync(message);
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        var what = $"{request.Method} {Shorten(request.Url)} ({request.What}) → {status}";
        if (status >= 500)
        {
            return $"{what}: a server error for bad input. {Shorten(body)}";
        }
        if (status < 400)
        {
            return null;
        }
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"{what}: the error is '{response.Content.Headers.ContentType?.MediaType}', not a problem document. {Shorten(body)}";
        }
        try
        {
            using var problem = JsonDocument.Parse(body);
            if (!problem.RootElement.TryGetProperty("status", out var said) || said.GetInt32() != status)
            {
                return $"{what}: the problem document does not carry its status. {Shorten(body)}";
            }
        }
        catch (JsonException)
        {
            return $"{what}: the problem document is not JSON. {Shorten(body)}";
        }
        if (body.Contains("Exception", StringComparison.Ordinal) || body.Contains("   at ", StringComparison.Ordinal))
        {
            return $"{what}: the answer shows internals. {Shorten(body)}";
        }
        return null;
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    private sealed record BadRequest(string Method, string Url, string? Body, string What);

    /// <summary>One operation of the document, and the bad requests made from it.</summary>
    private sealed class Operation(JsonObject document, string template, string method, JsonObject operation, JsonObject pathItem)
    {
        private readonly List<JsonObject> _parameters = [.. Parameters(operation), .. Parameters(pathItem)];

        public IEnumerable<BadRequest> Variants()
        {
            var path = _parameters.Where(p => (string?)p["in"] == "path").ToList();
            var query = _parameters.Where(p => (string?)p["in"] == "query").ToList();
            var sampleBody = BodySchema() is { } schema ? Sample(schema, 0) : null;

            foreach (var parameter in path)
            {
                var name = (string)parameter["name"]!;
                foreach (var (value, what) in BadValues(Schema(parameter), inPath: true))
                {
                    yield return new(method, Url(path, [], (name, value)), sampleBody?.ToJsonString(), $"path {name}: {what}");
                }
            }
            foreach (var parameter in query)
            {
                var name = (string)parameter["name"]!;
                foreach (var (value, what) in BadValues(Schema(parameter), inPath: false))
                {
                    yield return new(method, Url(path, [(name, value)]), sampleBody?.ToJsonString(), $"query {name}: {what}");
                }
            }
            if (sampleBody is null)
            {
                yield break;
            }
            var url = Url(path, []);
            foreach (var (body, what) in new[] { ("{bad", "malformed JSON"), ("[]", "an array"), ("null", "null"), ("\"text\"", "a string"), ("{\"a\":", "cut short") })
            {
                yield return new(method, url, body, what);
            }
            foreach (var (body, what) in Mutations(sampleBody, BodySchema()!, ""))
            {
                yield return new(method, url, body.ToJsonString(), what);
            }
        }

        /// <summary>Each property of the body, one at a time: the wrong type, NUL, overlong, null; nested objects too.</summary>
        private IEnumerable<(JsonNode Body, string What)> Mutations(JsonNode sample, JsonNode schema, string prefix)
        {
            if (sample is not JsonObject sampleObject || Resolve(schema)["properties"] is not JsonObject properties)
            {
                yield break;
            }
            foreach (var (name, propertySchema) in properties)
            {
                var field = prefix + name;
                var types = Types(propertySchema!);
                var bad = new List<(JsonNode? Value, string What)>
                {
                    (types.Contains("string") ? JsonValue.Create(12345) : JsonValue.Create("not-the-right-type"), "wrong type"),
                    (JsonValue.Create("nul\u0000inside"), "NUL"),
                    (JsonValue.Create(new string('x', Overlong)), "overlong"),
                    (null, "null"),
                    (new JsonArray(JsonValue.Create("x")), "an array"),
                };
                if (types.Contains("integer") || types.Contains("number"))
                {
                    bad.Add((JsonValue.Create(long.MaxValue), "huge number"));
                    bad.Add((JsonValue.Create(-1), "negative"));
                }
                foreach (var (value, what) in bad)
                {
                    var copy = sample.DeepClone().AsObject();
                    Replace(copy, field, value);
                    yield return (copy, $"body {field}: {what}");
                }
                if (prefix.Length == 0 && sampleObject[name] is JsonObject)
                {
                    foreach (var nested in Mutations(sampleObject[name]!, propertySchema!, field + ".").Select(m => m.Body))
                    {
                        var copy = sample.DeepClone().AsObject();
                        copy[name] = nested.DeepClone();
                        yield return (copy, $"body {field}: nested");
                    }
                }
            }
        }

        private static void Replace(JsonObject body, string field, JsonNode? value)
        {
            var parts = field.Split('.');
            var target = body;
            foreach (var part in parts[..^1])
            {
                target = target[part] as JsonObject ?? new JsonObject();
            }
            target[parts[^1]] = value;
        }

        private IEnumerable<(string Value, string What)> BadValues(JsonNode schema, bool inPath)
        {
            var types = Types(schema);
            if (!inPath)
            {
                // In a path, NUL is refused by the server itself (Kestrel, and the test server) before any endpoint.
                yield return ("a%00b", "NUL");
            }
            yield return (new string('x', OverlongInUrl), "overlong");
            if (types.Contains("integer") || types.Contains("number"))
            {
                yield return ("abc", "wrong type");
                yield return ("2147483647", "largest int");
                yield return ("99999999999", "beyond int");
                yield return ("-1", "negative");
                yield return ("0", "zero");
            }
            else if (types.Contains("boolean"))
            {
                yield return ("maybe", "wrong type");
            }
            else if ((string?)Resolve(schema)["format"] is "uuid" or "date-time" or "date")
            {
                yield return ("not-a-value-of-its-format", "wrong format");
            }
        }

        private string Url(List<JsonObject> pathParameters, List<(string Name, string Value)> query, (string Name, string Value)? badPath = null)
        {
            var url = template;
            foreach (var parameter in pathParameters)
            {
                var name = (string)parameter["name"]!;
                var value = badPath is { } bad && bad.Name == name ? bad.Value : SampleText(Schema(parameter));
                url = url.Replace("{" + name + "}", value, StringComparison.Ordinal);
            }
            return query.Count == 0 ? url : url + "?" + string.Join('&', query.Select(q => $"{Uri.EscapeDataString(q.Name)}={q.Value}"));
        }

        private JsonNode? BodySchema() => operation["requestBody"]?["content"]?["application/json"]?["schema"];

        private static IEnumerable<JsonObject> Parameters(JsonObject node) =>
            node["parameters"] is JsonArray parameters ? parameters.OfType<JsonObject>() : [];

        private JsonNode Schema(JsonObject parameter) => parameter["schema"] ?? new JsonObject { ["type"] = "string" };

        private JsonObject Resolve(JsonNode schema)
        {
            var current = schema.AsObject();
            for (var depth = 0; depth < 10 && current["$ref"] is JsonValue reference; depth++)
            {
                var name = ((string)reference!).Split('/')[^1];
                current = document["components"]!["schemas"]![name]!.AsObject();
            }
            if (current["oneOf"] is JsonArray oneOf && oneOf.OfType<JsonObject>().FirstOrDefault(s => !Types(s).SequenceEqual(["null"])) is { } first)
            {
                return Resolve(first);
            }
            if (current["anyOf"] is JsonArray anyOf && anyOf.OfType<JsonObject>().FirstOrDefault(s => !Types(s).SequenceEqual(["null"])) is { } any)
            {
                return Resolve(any);
            }
            return current;
        }

        private static List<string> Types(JsonNode schema) => schema["type"] switch
        {
            JsonArray many => [.. many.Select(t => (string)t!)],
            JsonValue one => [(string)one!],
            _ => schema["$ref"] is not null || schema["properties"] is not null ? ["object"] : [],
        };

        private string SampleText(JsonNode schema) => Sample(schema, 0) is JsonValue value
            ? value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString()
            : "x";

        /// <summary>A plausible value of the schema, so that a bad part is met by the code that checks it.</summary>
        private JsonNode? Sample(JsonNode schema, int depth)
        {
            var resolved = Resolve(schema);
            if (depth > 6)
            {
                return null;
            }
            if (resolved["enum"] is JsonArray choices && choices.Count > 0)
            {
                return choices[0]?.DeepClone();
            }
            var types = Types(resolved);
            if (types.Contains("object") || resolved["properties"] is not null)
            {
                var sample = new JsonObject();
                foreach (var (name, property) in resolved["properties"]?.AsObject() ?? [])
                {
                    sample[name] = Sample(property!, depth + 1);
                }
                return sample;
            }
            if (types.Contains("array"))
            {
                return new JsonArray(resolved["items"] is { } items ? Sample(items, depth + 1) : JsonValue.Create("x"));
            }
            if (types.Contains("integer"))
            {
                return JsonValue.Create(1);
            }
            if (types.Contains("number"))
            {
                return JsonValue.Create(1.5);
            }
            if (types.Contains("boolean"))
            {
                return JsonValue.Create(true);
            }
            return (string?)resolved["format"] switch
            {
                "uuid" => JsonValue.Create(Guid.NewGuid().ToString()),
                "date-time" => JsonValue.Create("2027-03-04T09:00:00+01:00"),
                "date" => JsonValue.Create("2027-03-04"),
                "email" => JsonValue.Create("camille@entreprise.test"),
                "uri" => JsonValue.Create("https://club.example.org"),
                _ => JsonValue.Create("x"),
            };
        }
    }
}
