using Aspire.Hosting.ApplicationModel;

namespace CircularPlatform.AppHost;

/// <summary>Marks a resource that <see cref="CrashRestarts"/> starts again when it dies on its own.</summary>
internal sealed class RestartOnCrashAnnotation : IResourceAnnotation;
