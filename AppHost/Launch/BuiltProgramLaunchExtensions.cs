using Aspire.Hosting.ApplicationModel;
using CircularPlatform.AppHost;

namespace Aspire.Hosting;

public static class BuiltProgramLaunchExtensions
{
    /// <summary>
    /// Starts the project's built program as <c>dotnet run</c> would (its native launcher, else
    /// <c>dotnet &lt;its dll&gt;</c>), instead of Aspire's default <c>dotnet run --no-build --project …</c>:
    /// building the AppHost already built it, and the <c>dotnet run</c> wrapper only evaluates the
    /// project again (seconds of CPU, four or five at once on a start) and then stays beside the
    /// program for its whole life (~120 MB each). It stays a project resource: same environment,
    /// endpoints, launch-profile handling, working directory (the project's folder, so its
    /// appsettings are read as before), dashboard commands and restarts.
    /// </summary>
    /// <remarks>
    /// Aspire's default stays when the build recorded no program for the project or it is not
    /// there, when <c>DOTNET_WATCH</c> asks for <c>dotnet watch</c>, and when an IDE launches the
    /// projects (<c>DEBUG_SESSION_PORT</c>).
    /// </remarks>
    public static IResourceBuilder<ProjectResource> RunBuiltProgram(this IResourceBuilder<ProjectResource> builder)
    {
        var configuration = builder.ApplicationBuilder.Configuration;
        if (configuration["DOTNET_WATCH"] == "true" || !string.IsNullOrEmpty(configuration["DEBUG_SESSION_PORT"]))
        {
            return builder;
        }
        if (!builder.Resource.TryGetLastAnnotation<IProjectMetadata>(out var project)
            || BuiltPrograms.Of(project.ProjectPath) is not { } program)
        {
            return builder;
        }
        // A project resource with a command of its own is started with it and its own arguments only.
        builder.WithAnnotation(new ExecutableAnnotation
        {
            Command = program.Launcher ?? "dotnet",
            WorkingDirectory = Path.GetDirectoryName(project.ProjectPath)!,
        }, ResourceAnnotationMutationBehavior.Replace);
        return program.Launcher is null
            // First, before any argument the resource is given: those are the program's.
            ? builder.WithArgs(context => context.Args.Insert(0, program.Assembly))
            : builder;
    }
}
