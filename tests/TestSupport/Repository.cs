using System.Reflection;
using System.Runtime.CompilerServices;

namespace CircularPlatform.TestSupport;

/// <summary>Where the repository is and which build configuration the tests run from, to find built outputs.</summary>
public static class Repository
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The folder holding CircularPlatform.sln.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>Debug or Release: the configuration the calling test assembly was built with.</summary>
    public static string Configuration
    {
        // Not inlined, so that the calling assembly is the test assembly that asks.
        [MethodImpl(MethodImplOptions.NoInlining)]
        get => (Assembly.GetCallingAssembly().GetCustomAttribute<AssemblyConfigurationAttribute>()
            ?? typeof(Repository).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>())?.Configuration
            ?? "Debug";
    }

    /// <summary>
    /// The built dll of a project of this repository, e.g. <c>BuiltAssembly("services/Events", "CircularPlatform.Events")</c>.
    /// </summary>
    public static string BuiltAssembly(string projectFolder, string assemblyName, string? configuration = null) =>
        Path.Combine(Root, projectFolder, "bin", configuration ?? Configuration, "net10.0", assemblyName + ".dll");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CircularPlatform.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"No CircularPlatform.sln above {AppContext.BaseDirectory}.");
    }
}
