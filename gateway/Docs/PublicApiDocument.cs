using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CircularPlatform.Gateway.Routing;

namespace CircularPlatform.Gateway.Docs;

/// <summary>
/// The public API as one OpenAPI document, the way the gateway exposes it. Merging is sound here
/// because the gateway gives each service a path prefix of its own (<c>/api/&lt;name&gt;</c>), so no
/// two services describe the same path; what a service documents outside its prefix (ops endpoints)
/// cannot be reached through the gateway and is left out, with the components only it used.
/// Components that two services name alike but define differently are renamed after their service,
/// and every reference to them follows.
/// </summary>
public static class PublicApiDocument
{
    public const string Title = "Circular Platform API";
    private const string ComponentsPointer = "#/components/";
    private const string SecuritySchemes = "securitySchemes";
    private static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    public static JsonObject Merge(IReadOnlyList<ServiceDocument> documents)
    {
        var merged = new Merger();
        var missing = new List<string>();
        string? version = null;
        foreach (var document in documents)
        {
            if (document.Document is not { } source)
            {
                missing.Add($"`{document.Service}` ({document.Unavailable})");
                continue;
            }
            var openapi = Text(source["openapi"]) ?? "";
            version ??= openapi;
            if (Release(openapi) != Release(version))
            {
                // 3.0 and 3.1 schemas do not mean the same thing: mixing them would mislead.
                missing.Add($"`{document.Service}` (its document is OpenAPI {openapi}, the others {version})");
                continue;
            }
            try
            {
                merged.Add(document.Service, (JsonObject)source.DeepClone());
            }
            catch (InvalidOperationException)
            {
                // A node of the wrong kind where OpenAPI wants an object: that service's part is left out, not the whole reference.
                missing.Add($"`{document.Service}` (its document is not a valid OpenAPI document)");
            }
        }
        return new JsonObject
        {
            ["openapi"] = version ?? "3.1.1",
            ["info"] = new JsonObject
            {
                ["title"] = Title,
                ["version"] = "v1",
                ["description"] = Description(documents.Count, missing),
            },
            // Relative: requests tried from the reference go to the gateway it was read from.
            ["servers"] = new JsonArray(new JsonObject { ["url"] = "/" }),
            ["paths"] = merged.Paths,
            ["components"] = merged.Components,
            ["tags"] = merged.Tags,
        };
    }

    private static string Description(int services, List<string> missing)
    {
        var text = new StringBuilder("The club's public API, as the gateway serves it: `/api/<service>/…` goes to that service.");
        if (services == 0)
        {
            text.Append("\n\n**No service is configured behind the gateway**, so there is nothing to describe.");
        }
        else if (missing.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n\n**Not available right now:** {string.Join(", ", missing)}. ")
                .Append("Their operations are missing below until they answer again: reload this page to try again.");
        }
        return text.ToString();
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static string Release(string version) => string.Join('.', version.Split('.').Take(2));

    /// <summary>The string values anywhere below a node that point at a component: <c>$ref</c>s and discriminator mappings.</summary>
    private static List<(JsonValue Node, string Kind, string Name, string Tail)> Pointers(JsonNode? node)
    {
        var found = new List<(JsonValue, string, string, string)>();
        Collect(node);
        return found;

        void Collect(JsonNode? current)
        {
            switch (current)
            {
                case JsonObject obj:
                    foreach (var (_, child) in obj)
                    {
                        Collect(child);
                    }
                    break;
                case JsonArray array:
                    foreach (var child in array)
                    {
                        Collect(child);
                    }
                    break;
                case JsonValue value when Text(value) is { } text && text.StartsWith(ComponentsPointer, StringComparison.Ordinal):
                    var parts = text[ComponentsPointer.Length..].Split('/', 3);
                    if (parts.Length >= 2)
                    {
                        found.Add((value, parts[0], parts[1], parts.Length == 3 ? "/" + parts[2] : ""));
                    }
                    break;
            }
        }
    }

    private static IEnumerable<JsonObject> OperationsOf(JsonObject paths) =>
        paths.Select(path => path.Value).OfType<JsonObject>()
            .SelectMany(item => Methods.Select(method => item[method]).OfType<JsonObject>());

    /// <summary>Security requirements name their schemes by key rather than by pointer.</summary>
    private static IEnumerable<JsonObject> SecurityRequirementsOf(JsonObject paths) =>
        OperationsOf(paths).Select(operation => operation["security"]).OfType<JsonArray>().SelectMany(array => array.OfType<JsonObject>());

    private sealed class Merger
    {
        private readonly HashSet<string> _operationIds = new(StringComparer.Ordinal);
        private readonly HashSet<string> _tags = new(StringComparer.Ordinal);

        public JsonObject Paths { get; } = [];

        public JsonObject Components { get; } = [];

        public JsonArray Tags { get; } = [];

        public void Add(string service, JsonObject source)
        {
            var prefix = ServiceRoutes.PathPrefix(service);
            var paths = new JsonObject();
            foreach (var (path, item) in source["paths"]!.AsObject().ToList())
            {
                if (path.Equals(prefix, StringComparison.OrdinalIgnoreCase) || path.StartsWith(prefix + "/", StringComparison.OrdinalIgnoreCase))
                {
                    source["paths"]!.AsObject().Remove(path);
                    paths[path] = item;
                }
            }
            // A document-wide requirement applies to the service's operations only, not to the whole platform.
            if (source["security"] is JsonArray serviceWide)
            {
                foreach (var operation in OperationsOf(paths).Where(operation => operation["security"] is null))
                {
                    operation["security"] = serviceWide.DeepClone();
                }
            }

            var components = source["components"] as JsonObject ?? [];
            var used = Used(paths, components);
            var names = NewNames(service, used, components);
            Rename(paths, names);
            RenameSchemes(paths, names);
            foreach (var (kind, name) in used)
            {
                var component = components[kind]![name]!;
                Rename(component, names);
                var target = Components[kind] as JsonObject ?? (JsonObject)(Components[kind] = new JsonObject());
                var final = names.GetValueOrDefault((kind, name), name);
                if (!target.ContainsKey(final))
                {
                    components[kind]!.AsObject().Remove(name);
                    target[final] = component;
                }
            }

            foreach (var operation in OperationsOf(paths))
            {
                if (Text(operation["operationId"]) is { } id && !_operationIds.Add(id))
                {
                    operation["operationId"] = $"{service}-{id}";
                    _operationIds.Add($"{service}-{id}");
                }
            }
            foreach (var (path, item) in paths.ToList())
            {
                paths.Remove(path);
                Paths[path] = item;
            }
            foreach (var tag in (source["tags"] as JsonArray ?? []).OfType<JsonObject>().ToList())
            {
                if (Text(tag["name"]) is { } name && _tags.Add(name))
                {
                    tag.Parent!.AsArray().Remove(tag);
                    Tags.Add(tag);
                }
            }
        }

        /// <summary>The components the public paths reach, directly or through other components.</summary>
        private static HashSet<(string Kind, string Name)> Used(JsonObject paths, JsonObject components)
        {
            var used = new HashSet<(string, string)>();
            foreach (var scheme in SecurityRequirementsOf(paths).SelectMany(requirement => requirement.Select(entry => entry.Key)))
            {
                if (components[SecuritySchemes]?[scheme] is not null)
                {
                    used.Add((SecuritySchemes, scheme));
                }
            }
            var pending = new Stack<JsonNode?>([paths]);
            while (pending.TryPop(out var node))
            {
                foreach (var (_, kind, name, _) in Pointers(node))
                {
                    if (components[kind]?[name] is { } target && used.Add((kind, name)))
                    {
                        pending.Push(target);
                    }
                }
            }
            return used;
        }

        /// <summary>
        /// A component is renamed when the merged document already holds a different one of that
        /// name, or when it refers to a component being renamed (then, though it reads the same, it
        /// no longer means the same).
        /// </summary>
        private Dictionary<(string Kind, string Name), string> NewNames(string service, HashSet<(string Kind, string Name)> used, JsonObject components)
        {
            var taken = used.Where(c => Components[c.Kind]?[c.Name] is { } existing && !JsonNode.DeepEquals(existing, components[c.Kind]![c.Name])).ToHashSet();
            bool grew;
            do
            {
                grew = false;
                foreach (var component in used.Where(c => !taken.Contains(c) && Components[c.Kind]?[c.Name] is not null).ToList())
                {
                    if (Pointers(components[component.Kind]![component.Name]).Any(p => taken.Contains((p.Kind, p.Name))))
                    {
                        grew |= taken.Add(component);
                    }
                }
            }
            while (grew);

            var owner = string.Concat(service.Split('-').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
            var names = new Dictionary<(string, string), string>();
            foreach (var (kind, name) in taken)
            {
                var candidate = owner + name;
                for (var n = 2; Components[kind]?[candidate] is not null || used.Contains((kind, candidate)); n++)
                {
                    candidate = owner + name + n.ToString(CultureInfo.InvariantCulture);
                }
                names[(kind, name)] = candidate;
            }
            return names;
        }

        private static void Rename(JsonNode node, Dictionary<(string Kind, string Name), string> names)
        {
            if (names.Count == 0)
            {
                return;
            }
            foreach (var (pointer, kind, name, rest) in Pointers(node))
            {
                if (names.TryGetValue((kind, name), out var renamed))
                {
                    pointer.ReplaceWith($"{ComponentsPointer}{kind}/{renamed}{rest}");
                }
            }
        }

        private static void RenameSchemes(JsonObject paths, Dictionary<(string Kind, string Name), string> names)
        {
            foreach (var requirement in SecurityRequirementsOf(paths))
            {
                foreach (var (scheme, scopes) in requirement.ToList())
                {
                    if (names.TryGetValue((SecuritySchemes, scheme), out var renamed))
                    {
                        requirement.Remove(scheme);
                        requirement[renamed] = scopes;
                    }
                }
            }
        }
    }
}
