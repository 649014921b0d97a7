using CircularPlatform.Hosting;
using Xunit;

namespace CircularPlatform.TestSupport;

/// <summary>
/// A throw-away RabbitMQ node for a test class or collection: started in a fresh folder, always
/// stopped (with its epmd) and deleted afterwards.
/// </summary>
public class RabbitMqFixture : IAsyncLifetime
{
    private readonly TemporaryFolder _folder = new("cp-rmq");
    private RabbitMqNode? _node;

    public RabbitMqNode Node => _node ?? throw new InvalidOperationException("The fixture has not been initialised.");

    public string ConnectionString => Node.ConnectionString;

    protected virtual bool EnableManagement => false;

    public async Task InitializeAsync()
    {
        _node = new RabbitMqNode(new RabbitMqNodeOptions
        {
            Directory = System.IO.Path.Combine(_folder.Path, "node"),
            EnableManagement = EnableManagement,
        });
        try
        {
            await _node.StartAsync().ConfigureAwait(false);
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
            if (_node is not null)
            {
                await _node.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _folder.Dispose();
        }
    }
}
