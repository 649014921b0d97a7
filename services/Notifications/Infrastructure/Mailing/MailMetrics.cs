using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CircularPlatform.Notifications.Infrastructure.Mailing;

/// <summary>What ops graph about email: sent, retried, given up, withdrawn, and how late it left.</summary>
public sealed class MailMetrics
{
    public const string Name = "CircularPlatform.Notifications";
    public static readonly ActivitySource ActivitySource = new(Name);

    private readonly Counter<long> _sent;
    private readonly Counter<long> _retried;
    private readonly Counter<long> _givenUp;
    private readonly Counter<long> _withdrawn;
    private readonly Histogram<double> _delay;

    public MailMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(Name);
        _sent = meter.CreateCounter<long>("circular.mail.sent", "{email}", "Emails handed to the SMTP server or written to the pickup folder.");
        _retried = meter.CreateCounter<long>("circular.mail.retried", "{email}", "Failed tries that will be tried again later.");
        _givenUp = meter.CreateCounter<long>("circular.mail.given_up", "{email}", "Emails given up on (NotificationFailed published).");
        _withdrawn = meter.CreateCounter<long>("circular.mail.withdrawn", "{email}", "Emails not sent because the member left or turned them off before they were due.");
        _delay = meter.CreateHistogram<double>("circular.mail.delay", "s", "Time from an email's due time to its sending.");
    }

    public void Sent(string kind, TimeSpan late)
    {
        var tag = new KeyValuePair<string, object?>("notification.kind", kind);
        _sent.Add(1, tag);
        _delay.Record(Math.Max(0, late.TotalSeconds), tag);
    }

    public void Retried(string kind) => _retried.Add(1, new KeyValuePair<string, object?>("notification.kind", kind));

    public void GivenUp(string kind) => _givenUp.Add(1, new KeyValuePair<string, object?>("notification.kind", kind));

    public void Withdrawn(long count) => _withdrawn.Add(count);
}
