using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CircularPlatform.Messaging.Outbox;

/// <summary>What ops graph about the outbox; the backlog figures are those of the relay's last look.</summary>
public sealed class OutboxMetrics : IDisposable
{
    public const string MeterName = "CircularPlatform.Messaging";
    public static readonly ActivitySource ActivitySource = new(MeterName);

    private readonly Meter _meter;
    private readonly Counter<long> _published;
    private readonly Histogram<double> _latency;
    private readonly Counter<long> _duplicates;
    private volatile OutboxStatus _last = new(0, null, 0);

    public OutboxMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _published = _meter.CreateCounter<long>("circular.outbox.published", "{message}", "Integration events published by the outbox relay.");
        _latency = _meter.CreateHistogram<double>("circular.outbox.relay_latency", "s", "Time from an event's commit to the broker's confirmation of its publication.");
        _duplicates = _meter.CreateCounter<long>("circular.inbox.duplicates", "{message}", "Deliveries skipped because the consumer already had the message's effect.");
        _meter.CreateObservableGauge("circular.outbox.backlog", () => _last.Backlog, "{message}", "Integration events stored but not yet published.");
        _meter.CreateObservableGauge("circular.outbox.oldest_unsent_age", () => _last.OldestUnsentAgeSeconds ?? 0, "s", "Age of the oldest unpublished integration event.");
        _meter.CreateObservableGauge("circular.outbox.dead", () => _last.Dead, "{message}", "Outbox rows that cannot be published and wait for ops.");
    }

    public OutboxStatus Last => _last;

    public void Observed(OutboxStatus status) => _last = status;

    public void Published(string messageType, TimeSpan latency)
    {
        var tag = new KeyValuePair<string, object?>("messaging.message.type", messageType);
        _published.Add(1, tag);
        _latency.Record(latency.TotalSeconds, tag);
    }

    public void DuplicateSkipped(string consumer) =>
        _duplicates.Add(1, new KeyValuePair<string, object?>("messaging.consumer", consumer));

    public void Dispose() => _meter.Dispose();
}
