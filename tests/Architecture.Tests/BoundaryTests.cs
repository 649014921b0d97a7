using System.Xml.Linq;
using CircularPlatform.TestSupport;

namespace CircularPlatform.Architecture.Tests;

/// <summary>
/// Services talk only through integration events: a service may reference Contracts,
/// ServiceDefaults and Messaging, never another service, and the shared projects never reference
/// a service. Messaging builds on ServiceDefaults (and knows the one event every process hears,
/// Members' access revocations, from Contracts), never the other way round.
/// </summary>
public sealed class BoundaryTests
{
    private static readonly string[] Services = ["Members", "Events", "Knowledge", "Notifications"];

    public static TheoryData<string> ServiceNames() => [.. Services];

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public void A_service_references_only_the_shared_projects(string service)
    {
        var references = ProjectReferences($"services/{service}/{service}.csproj");

        Assert.Equal(["Contracts.csproj", "Messaging.csproj", "ServiceDefaults.csproj"], references.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_gateway_references_only_the_service_defaults_and_messaging()
    {
        // No service: the gateway forwards requests. It is on the bus only to hear whose tokens
        // were revoked; it publishes nothing and keeps no outbox.
        Assert.Equal(["Messaging.csproj", "ServiceDefaults.csproj"], ProjectReferences("gateway/Gateway.csproj").Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("services/Contracts/Contracts.csproj")]
    [InlineData("ServiceDefaults/ServiceDefaults.csproj")]
    [InlineData("Messaging/Messaging.csproj", "Contracts.csproj", "ServiceDefaults.csproj")]
    public void A_shared_project_references_no_service_only_what_it_builds_on(string project, params string[] allowed)
    {
        Assert.Equal(allowed, ProjectReferences(project).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Contracts_carry_no_dependency_at_all()
    {
        var packages = XDocument.Load(Path.Combine(Repository.Root, "services/Contracts/Contracts.csproj"))
            .Descendants("PackageReference");
        Assert.Empty(packages);
    }

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public void A_service_source_never_names_another_service_namespace(string service)
    {
        var others = Services.Where(s => s != service).Select(s => $"CircularPlatform.{s}.").ToList();
        var offending = Directory.EnumerateFiles(Path.Combine(Repository.Root, "services", service), "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(file => others.Any(other => File.ReadAllText(file).Contains(other, StringComparison.Ordinal)))
            .ToList();

        Assert.Empty(offending);
    }

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public void Program_only_composes(string service)
    {
        // Endpoints live in Apis/, rules in Model/, data in Infrastructure/: Program.cs wires them up.
        var program = File.ReadAllLines(Path.Combine(Repository.Root, "services", service, "Program.cs"));
        Assert.True(program.Length <= 20, $"{service}/Program.cs has {program.Length} lines");
        Assert.DoesNotContain(program, line => line.Contains("MapGet", StringComparison.Ordinal) || line.Contains("MapPost", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public void Each_service_has_migrations_for_both_providers(string service)
    {
        var migrations = Path.Combine(Repository.Root, "services", service, "Infrastructure", "Migrations");
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(migrations, "Sqlite"), "*_InitialCreate.cs"));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(migrations, "Postgres"), "*_InitialCreate.cs"));
    }

    private static List<string> ProjectReferences(string project) =>
        XDocument.Load(Path.Combine(Repository.Root, project))
            .Descendants("ProjectReference")
            .Select(reference => Path.GetFileName(reference.Attribute("Include")!.Value.Replace('\\', '/')))
            .ToList();
}
