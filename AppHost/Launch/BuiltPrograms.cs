using System.Reflection;

namespace CircularPlatform.AppHost;

/// <summary>A project's built program: its assembly, and the native launcher the build puts beside it (UseAppHost), if any.</summary>
public sealed record BuiltProgram(string Assembly, string? Launcher);

/// <summary>What the AppHost's build recorded about the programs of its project resources (AppHost.csproj).</summary>
public static class BuiltPrograms
{
    private const string Prefix = "ProjectOutput:";

    /// <summary>The built program of the project at <paramref name="projectPath"/>, when the build recorded one and it exists.</summary>
    public static BuiltProgram? Of(string projectPath)
    {
        var wanted = Path.GetFullPath(projectPath);
        var program = typeof(BuiltPrograms).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Where(a => a.Key.StartsWith(Prefix, StringComparison.Ordinal)
                && string.Equals(Path.GetFullPath(a.Key[Prefix.Length..]), wanted, StringComparison.Ordinal))
            .Select(a => a.Value)
            .FirstOrDefault();
        if (program is not { Length: > 0 } || !File.Exists(program))
        {
            return null;
        }
        // What `dotnet run` starts: the launcher named after the assembly, when there is one.
        var launcher = Path.ChangeExtension(program, OperatingSystem.IsWindows() ? ".exe" : null);
        return new BuiltProgram(program, File.Exists(launcher) ? launcher : null);
    }
}
