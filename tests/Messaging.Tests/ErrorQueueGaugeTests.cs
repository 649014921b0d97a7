using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using CircularPlatform.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CircularPlatform.Messaging.Tests;

[Collection(nameof(SharedBroker))]
public sealed class ErrorQueueGaugeTests(RabbitMqFixture broker, ITestOutputHelper output)
{
    private const string Instrument = "circular.messaging.error_queue.messages";

    [Fact]
    public async Task The_gauge_reports_each_error_queue_and_asks_the_broker_at_most_once_per_interval()
    {
        await using var client = await BrokerClient.ConnectAsync(broker.ConnectionString);
        await client.DeclareAsync("x-svc-gauged", "x-svc-gauged_error", "x-svc-clean");
        await client.PublishAsync("x-svc-gauged_error", 3);
        var time = new ManualTimeProvider();
        await using var app = await OpsApp.StartAsync(broker.ConnectionString, ["x-svc-gauged", "x-svc-clean"], output, time: time);
        using var gauge = new GaugeReader(app);

        var first = await gauge.WaitForAsync(values => values.Count > 0);
        Assert.Equal(new Dictionary<string, long> { ["x-svc-gauged"] = 3, ["x-svc-clean"] = 0 }, first);

        // Within the interval every scrape gets the figures already read, however the queues change.
        await client.PublishAsync("x-svc-gauged_error", 2);
        for (var i = 0; i < 5; i++)
        {
            await Task.Delay(100);
            Assert.Equal(3, gauge.Read()["x-svc-gauged"]);
        }

        time.Advance(TimeSpan.FromSeconds(11));
        var refreshed = await gauge.WaitForAsync(values => values.GetValueOrDefault("x-svc-gauged") != 3);
        Assert.Equal(5, refreshed["x-svc-gauged"]);
    }

    /// <summary>Collects the gauge of one app only: every app in the test process has its own meter factory.</summary>
    private sealed class GaugeReader : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentDictionary<string, long> _values = new();

        public GaugeReader(WebApplication app)
        {
            var meters = app.Services.GetRequiredService<IMeterFactory>();
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Name == Instrument && ReferenceEquals(instrument.Meter.Scope, meters))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "queue")
                    {
                        _values[(string)tag.Value!] = value;
                    }
                }
            });
            _listener.Start();
        }

        public Dictionary<string, long> Read()
        {
            _values.Clear();
            _listener.RecordObservableInstruments();
            return new Dictionary<string, long>(_values);
        }

        public async Task<Dictionary<string, long>> WaitForAsync(Func<Dictionary<string, long>, bool> condition)
        {
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (true)
            {
                var values = Read();
                if (condition(values) || DateTime.UtcNow > deadline)
                {
                    return values;
                }
                await Task.Delay(50);
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
