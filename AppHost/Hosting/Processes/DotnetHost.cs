namespace CircularPlatform.Hosting;

/// <summary>The dotnet executable to run projects with: the one running us when we run under it.</summary>
internal static class DotnetHost
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        var current = System.Environment.ProcessPath;
        if (current is not null && System.IO.Path.GetFileNameWithoutExtension(current) == "dotnet")
        {
            return current;
        }
        var fromCli = System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return !string.IsNullOrEmpty(fromCli) && File.Exists(fromCli) ? fromCli : "dotnet";
    }
}
