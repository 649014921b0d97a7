using CircularPlatform.TestSupport;

namespace CircularPlatform.Messaging.Tests;

/// <summary>One node for every test that leaves it running; each test uses queues of its own.</summary>
[CollectionDefinition(nameof(SharedBroker))]
public sealed class SharedBroker : ICollectionFixture<RabbitMqFixture>;
