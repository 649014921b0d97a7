// Whole platforms run one at a time: two at once on a small machine would measure the machine,
// not the platform.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace CircularPlatform.EndToEnd.Tests;

/// <summary>
/// One platform, the AppHost's app model on a fresh data folder as on a first ./run.sh (it makes
/// up the first administrator's password and prints it), for the tests that only use it.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    public PlatformApp Platform { get; private set; } = null!;

    public async Task InitializeAsync() => Platform = await PlatformApp.StartAsync(generateAdministrator: true);

    public async Task DisposeAsync() => await Platform.DisposeAsync();
}

/// <summary>The tests that share one platform.</summary>
[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform";
}
