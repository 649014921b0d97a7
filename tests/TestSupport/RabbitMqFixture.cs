using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Xunit;

namespace CircularPlatform.TestSupport;

/// <summary>
/// A throw-away RabbitMQ node for a test class or collection: the AppHost's own resource, started
/// in a fresh folder, always stopped (with its epmd) and deleted afterwards.
/// </summary>
public class RabbitMqFixture : IAsyncLifetime
{
    public const string Name = "messaging";
    private readonly TemporaryFolder _folder = new("cp-rmq");
    private TestAppModel? _model;

    public TestAppModel Model => _model ?? throw new InvalidOperationException("The fixture has not been initialised.");

    public string ConnectionString { get; private set; } = "";

    /// <summary>Stops the node as the dashboard's stop command does; its ports and data stay.</summary>
    public Task StopAsync() => Model.CommandAsync(Name, KnownResourceCommands.StopCommand);

    /// <summary>Starts it again on the same ports and data, and waits until it takes AMQP logins.</summary>
    public Task StartAsync() => Model.CommandAsync(Name, KnownResourceCommands.StartCommand);

    public async Task InitializeAsync()
    {
        try
        {
            var builder = TestAppModel.CreateBuilder();
            builder.AddRabbitMQNode(Name, System.IO.Path.Combine(_folder.Path, "node"));
            _model = await TestAppModel.StartAsync(builder, Name).ConfigureAwait(false);
            ConnectionString = await _model.ConnectionStringAsync(Name).ConfigureAwait(false);
        }
        catch
        {
            await DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (_model is not null)
            {
                await _model.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _folder.Dispose();
        }
    }
}
