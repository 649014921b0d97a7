using System.Text.Json.Nodes;
using CircularPlatform.Gateway.Docs;

namespace CircularPlatform.Gateway.Tests;

/// <summary>How services' documents become one: the cases a real service pair may hit one day.</summary>
public sealed class PublicApiDocumentTests
{
    [Fact]
    public void Two_services_defining_a_schema_of_the_same_name_differently_keep_both_and_each_points_at_its_own()
    {
        var merged = PublicApiDocument.Merge(
        [
            Service("events", """{ "/api/events": { "get": { "responses": { "200": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Listing" } } } } } } } }""",
                """{ "schemas": { "Listing": { "type": "object", "properties": { "title": { "type": "string" } } } } }"""),
            Service("knowledge", """{ "/api/knowledge/articles": { "get": { "responses": { "200": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Listing" } } } } } } } }""",
                """{ "schemas": { "Listing": { "type": "object", "properties": { "headline": { "type": "string" } } } } }"""),
        ]);

        var schemas = merged["components"]!["schemas"]!.AsObject();
        Assert.Equal(["KnowledgeListing", "Listing"], schemas.Select(schema => schema.Key).Order());
        Assert.NotNull(schemas["Listing"]!["properties"]!["title"]);
        Assert.NotNull(schemas["KnowledgeListing"]!["properties"]!["headline"]);
        Assert.Equal("#/components/schemas/Listing", ResponseSchema(merged, "/api/events"));
        Assert.Equal("#/components/schemas/KnowledgeListing", ResponseSchema(merged, "/api/knowledge/articles"));
    }

    [Fact]
    public void A_schema_that_reads_the_same_but_refers_to_a_renamed_one_is_renamed_too()
    {
        const string Page = """{ "type": "object", "properties": { "items": { "type": "array", "items": { "$ref": "#/components/schemas/Listing" } } } }""";
        var merged = PublicApiDocument.Merge(
        [
            Service("events", """{ "/api/events": { "get": { "responses": { "200": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Page" } } } } } } } }""",
                $$"""{ "schemas": { "Page": {{Page}}, "Listing": { "type": "object", "properties": { "title": { "type": "string" } } } } }"""),
            Service("knowledge", """{ "/api/knowledge/articles": { "get": { "responses": { "200": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Page" } } } } } } } }""",
                $$"""{ "schemas": { "Page": {{Page}}, "Listing": { "type": "object", "properties": { "headline": { "type": "string" } } } } }"""),
        ]);

        var schemas = merged["components"]!["schemas"]!.AsObject();
        Assert.Equal("#/components/schemas/KnowledgePage", ResponseSchema(merged, "/api/knowledge/articles"));
        Assert.Equal("#/components/schemas/KnowledgeListing", (string?)schemas["KnowledgePage"]!["properties"]!["items"]!["items"]!["$ref"]);
        Assert.Equal("#/components/schemas/Listing", (string?)schemas["Page"]!["properties"]!["items"]!["items"]!["$ref"]);
    }

    [Fact]
    public void A_schema_two_services_define_alike_appears_once()
    {
        const string Problem = """{ "schemas": { "ProblemDetails": { "type": "object", "properties": { "title": { "type": "string" } } } } }""";
        var merged = PublicApiDocument.Merge(
        [
            Service("events", """{ "/api/events": { "get": { "responses": { "400": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/ProblemDetails" } } } } } } } }""", Problem),
            Service("members", """{ "/api/members/me": { "get": { "responses": { "400": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/ProblemDetails" } } } } } } } }""", Problem),
        ]);

        Assert.Equal(["ProblemDetails"], merged["components"]!["schemas"]!.AsObject().Select(schema => schema.Key));
    }

    [Fact]
    public void Paths_outside_the_services_prefix_and_what_only_they_use_are_left_out()
    {
        var merged = PublicApiDocument.Merge(
        [
            Service("events", """
                {
                  "/api/events": { "get": { "responses": { "200": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/EventResponse" } } } } } } },
                  "/api/eventsx": { "get": { "responses": { "200": { "description": "not this service's prefix" } } } },
                  "/ops/messaging/queues": { "get": { "responses": { "200": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/QueueDepth" } } } } } } }
                }
                """,
                """{ "schemas": { "EventResponse": { "type": "object" }, "QueueDepth": { "type": "object" } } }"""),
        ]);

        Assert.Equal(["/api/events"], merged["paths"]!.AsObject().Select(path => path.Key));
        Assert.Equal(["EventResponse"], merged["components"]!["schemas"]!.AsObject().Select(schema => schema.Key));
    }

    [Fact]
    public void Operation_ids_stay_unique_and_a_service_wide_security_requirement_stays_with_its_service()
    {
        var members = Service("members", """{ "/api/members/me": { "get": { "operationId": "GetMe", "responses": {} } } }""",
            """{ "securitySchemes": { "Bearer": { "type": "http", "scheme": "bearer" } } }""");
        members.Document!["security"] = JsonNode.Parse("""[{ "Bearer": [] }]""");
        var merged = PublicApiDocument.Merge(
        [
            Service("events", """{ "/api/events/me": { "get": { "operationId": "GetMe", "responses": {} } } }""", "{}"),
            members,
        ]);

        Assert.Equal("GetMe", (string?)merged["paths"]!["/api/events/me"]!["get"]!["operationId"]);
        Assert.Equal("members-GetMe", (string?)merged["paths"]!["/api/members/me"]!["get"]!["operationId"]);
        Assert.Null(merged["security"]);
        Assert.Null(merged["paths"]!["/api/events/me"]!["get"]!["security"]);
        Assert.NotNull(merged["paths"]!["/api/members/me"]!["get"]!["security"]![0]!["Bearer"]);
        Assert.NotNull(merged["components"]!["securitySchemes"]!["Bearer"]);
    }

    [Fact]
    public void A_document_of_another_openapi_release_is_left_out_and_said_so()
    {
        var older = Service("knowledge", """{ "/api/knowledge/articles": { "get": { "responses": {} } } }""", "{}");
        older.Document!["openapi"] = "3.0.1";

        var merged = PublicApiDocument.Merge([Service("events", """{ "/api/events": { "get": { "responses": {} } } }""", "{}"), older]);

        Assert.Equal(["/api/events"], merged["paths"]!.AsObject().Select(path => path.Key));
        Assert.Contains("`knowledge` (its document is OpenAPI 3.0.1, the others 3.1.1)", (string)merged["info"]!["description"]!, StringComparison.Ordinal);
    }

    private static ServiceDocument Service(string name, string paths, string components) => ServiceDocument.Read(name, new JsonObject
    {
        ["openapi"] = "3.1.1",
        ["info"] = new JsonObject { ["title"] = name, ["version"] = "1.0.0" },
        ["servers"] = JsonNode.Parse("""[{ "url": "http://127.0.0.1:5101/" }]"""),
        ["paths"] = JsonNode.Parse(paths),
        ["components"] = JsonNode.Parse(components),
    });

    private static string? ResponseSchema(JsonObject merged, string path) =>
        (string?)merged["paths"]![path]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"];
}
