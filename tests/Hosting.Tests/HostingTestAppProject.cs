using CircularPlatform.TestSupport;

namespace CircularPlatform.Hosting.Tests;

/// <summary>What Aspire would generate for the test web app.</summary>
public sealed class HostingTestAppProject : IProjectMetadata
{
    public string ProjectPath => Path.Combine(Repository.Root, "tests/Hosting.Tests/HostingTestApp/HostingTestApp.csproj");

    public string TargetPath => Repository.BuiltAssembly("tests/Hosting.Tests/HostingTestApp", "CircularPlatform.HostingTestApp");
}
