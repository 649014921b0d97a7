using System.Diagnostics.Metrics;

namespace CircularPlatform.ProbeService;

/// <summary>Reads the messaging layer's own counters, as an ops dashboard would.</summary>
public sealed class ProbeCounters : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _published;
    private long _duplicates;

    public ProbeCounters()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "CircularPlatform.Messaging"
                && instrument.Name is "circular.outbox.published" or "circular.inbox.duplicates")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == "circular.outbox.published")
            {
                Interlocked.Add(ref _published, value);
            }
            else
            {
                Interlocked.Add(ref _duplicates, value);
            }
        });
        _listener.Start();
    }

    public long Published => Interlocked.Read(ref _published);
    public long Duplicates => Interlocked.Read(ref _duplicates);

    public void Dispose() => _listener.Dispose();
}
