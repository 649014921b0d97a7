using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

public static class YoungGenerationBudget
{
    /// <summary>16 MiB: a gen0 collection every few hundred requests of a list, each well under a millisecond.</summary>
    public const string DefaultBytes = "0x1000000";
    public const string Variable = "DOTNET_GCgen0size";

    /// <summary>
    /// Caps the garbage collector's youngest generation (ADR 0015). The GC sizes it from the
    /// processor's last-level cache, and virtual machines like ours report 260 MB of it: each
    /// process then allocated about 100 MB before its first collection and stayed there. The
    /// variable is read only from the environment (the runtime has no runtimeconfig name for it),
    /// so the AppHost gives it to every program it starts; <c>DOTNET_GCgen0size</c> set for the
    /// AppHost itself is passed on instead.
    /// </summary>
    public static IResourceBuilder<T> WithYoungGenerationBudget<T>(this IResourceBuilder<T> builder)
        where T : IResourceWithEnvironment =>
        builder.WithEnvironment(Variable, builder.ApplicationBuilder.Configuration[Variable] is { Length: > 0 } chosen ? chosen : DefaultBytes);
}
