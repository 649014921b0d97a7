namespace CircularPlatform.Hosting;

/// <summary>Where a .NET project and its built assembly are; what Aspire generates per referenced project.</summary>
public interface IProjectMetadata
{
    string ProjectPath { get; }

    /// <summary>The built dll, run as <c>dotnet TargetPath</c>.</summary>
    string TargetPath { get; }
}
