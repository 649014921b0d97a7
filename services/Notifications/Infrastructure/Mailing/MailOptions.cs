namespace CircularPlatform.Notifications.Infrastructure.Mailing;

/// <summary>How email leaves (section <c>Notifications:Mail</c>).</summary>
public sealed class MailOptions
{
    public const string Section = "Notifications:Mail";

    /// <summary>The sender members see and reply to.</summary>
    public string From { get; set; } = "Club économie circulaire Lens-Liévin <club@economie-circulaire-lens-lievin.fr>";

    /// <summary>
    /// The platform's public address (the gateway's), for the links in emails. Without it, the
    /// token issuer's (<c>Identity:Issuer</c>, which the AppHost sets to the gateway's address).
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Where emails are written as .eml files when no SMTP server is set; by default <c>&lt;DataFolder&gt;/mail</c>.</summary>
    public string? PickupFolder { get; set; }

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>
    /// Tries before an email is given up on (NotificationFailed, and on <c>/ops/mail</c>): with the
    /// delays below, about nine hours of a server refusing it. A server that cannot be reached at all
    /// costs no tries: the mail waits for it.
    /// </summary>
    public int MaxAttempts { get; set; } = 12;

    /// <summary>The wait after the first failed try; it doubles with each one, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Emails claimed at a time.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>
    /// Emails written or sent at once: files in parallel, one SMTP connection each. Twice the cores:
    /// writing a file or waiting for the SMTP server leaves the core to another worker's composing.
    /// </summary>
    public int Parallelism { get; set; } = Math.Max(4, 2 * Environment.ProcessorCount);

    /// <summary>How often the postman looks for due email when there was none.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan RetryDelay(int attempts) =>
        TimeSpan.FromTicks(Math.Min(MaxRetryDelay.Ticks, FirstRetryDelay.Ticks * (1L << Math.Min(attempts - 1, 20))));
}

public sealed class SmtpOptions
{
    /// <summary>With a host, email goes over SMTP; without one, to the pickup folder.</summary>
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    /// <summary>None, StartTls, StartTlsWhenAvailable, SslOnConnect or Auto (MailKit's SecureSocketOptions).</summary>
    public string Security { get; set; } = "StartTlsWhenAvailable";
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
