namespace CircularPlatform.EndToEnd.Tests;

/// <summary>One platform, started as <c>./run.sh</c> starts it, for the tests that only use it.</summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    public AppHostProcess Platform { get; private set; } = null!;

    public async Task InitializeAsync() => Platform = await AppHostProcess.StartAsync(StartTimeout);

    public async Task DisposeAsync() => await Platform.DisposeAsync();
}

/// <summary>
/// Whole-platform tests run one after the other: two platforms at once on a small machine would
/// measure the machine, not the platform.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform";
}
