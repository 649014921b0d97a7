namespace CircularPlatform.Hosting;

/// <summary>A .NET project run as <c>dotnet TargetPath</c> from its output folder, with an HTTP endpoint.</summary>
public sealed class ProjectResource : ProcessResource
{
    public ProjectResource(string name, string targetPath, string? projectPath = null)
        : base(name)
    {
        TargetPath = Path.GetFullPath(targetPath);
        ProjectPath = projectPath;
        HasHttpEndpoint = true;
    }

    public string TargetPath { get; }

    public string? ProjectPath { get; }

    public override string Command => DotnetHost.Path;

    public override string WorkingDirectory => Path.GetDirectoryName(TargetPath)!;

    internal override IEnumerable<string> LaunchArguments => [TargetPath, .. Args];
}
