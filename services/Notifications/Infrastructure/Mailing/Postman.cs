using System.Collections.Concurrent;
using System.Diagnostics;
using CircularPlatform.Contracts.IntegrationEvents;
using CircularPlatform.Notifications.Model;
using CircularPlatform.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CircularPlatform.Notifications.Infrastructure.Mailing;

/// <summary>
/// Sends the email that is due, a batch at a time: each member's digest mail together as one
/// email, the rest one by one, in parallel. Before sending, it checks the member still wants it
/// (they may have left or changed their preferences since it was stored). A failed try is tried
/// again later with a growing delay; after the last, or when the server refused the address for
/// good, it is given up on: NotificationFailed is published (through the outbox, in the same save)
/// and ops see it on <c>/ops/mail</c>.
///
/// On PostgreSQL, replicas share the work: each claims its batch with <c>FOR UPDATE SKIP LOCKED</c>
/// and holds it until the outcome is saved, so an email is sent by one replica. SQLite serves one
/// replica. An email written or sent just before a crash, and not yet marked, is sent again after
/// the restart with the same Message-Id (and, in the pickup folder, as the same file).
/// </summary>
public sealed partial class Postman(
    IServiceScopeFactory scopes,
    IMailTransport transport,
    MailComposer composer,
    UnsubscribeLinks unsubscribeLinks,
    MailMetrics metrics,
    DatabaseInfo database,
    IOptions<MailOptions> options,
    TimeProvider clock,
    ILogger<Postman> logger) : BackgroundService
{
    private readonly MailOptions _options = options.Value;
    // One batch at a time per instance, whoever asks (its loop, a second start of the host, a test):
    // on SQLite nothing else would stop two from claiming the same mail.
    private readonly SemaphoreSlim _oneBatch = new(1, 1);

    private int _started;

    /// <summary>
    /// One loop per instance even when started twice (MassTransit's test harness starts the hosted
    /// services again): a second loop would outlive the stop, whose token only reaches the last.
    /// </summary>
    public override Task StartAsync(CancellationToken cancellationToken) =>
        Interlocked.Exchange(ref _started, 1) == 0 ? base.StartAsync(cancellationToken) : Task.CompletedTask;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var outage = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var full = false;
            var delay = _options.PollInterval;
            try
            {
                full = await SendDueAsync(stoppingToken) >= _options.BatchSize;
                outage = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (MailServerUnreachable e)
            {
                // Like the outbox with its broker: the mail waits, due, while the server is away
                // (ops see the backlog on /ops/mail); no email is given up for it.
                outage++;
                full = false;
                delay = TimeSpan.FromMilliseconds(Math.Min(_options.MaxRetryDelay.TotalMilliseconds, 1_000 * Math.Pow(2, Math.Min(outage, 12))));
                LogUnreachable(logger, e.Message, delay.TotalSeconds);
            }
            catch (Exception e)
            {
                // The database is away: look again at the next tick rather than stop for good.
                LogBatchFailed(logger, e);
            }
            if (!full)
            {
                try
                {
                    await Task.Delay(delay, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Sends one batch of what is due now; returns how many mails it claimed.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        await _oneBatch.WaitAsync(cancellationToken);
        try
        {
            return await SendBatchAsync(cancellationToken);
        }
        finally
        {
            _oneBatch.Release();
        }
    }

    private async Task<int> SendBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsContext>();
        await using var transaction = database.Provider == DatabaseProvider.PostgreSql
            ? await db.Database.BeginTransactionAsync(cancellationToken)
            : null;
        var now = clock.GetUtcNow().UtcDateTime;
        var batch = await ClaimAsync(db, now, cancellationToken);
        if (batch.Count == 0)
        {
            return 0;
        }
        // Its own trace (it serves many facts at once), linked to the traces of the facts it serves.
        using var activity = MailMetrics.ActivitySource.StartActivity("send mail", ActivityKind.Internal, parentContext: default, links: CausesOf(batch));
        activity?.SetTag("mail.claimed", batch.Count);
        var claimed = batch.Count;
        KeepDigestsWhole(batch, claimed);

        var subjects = await SubjectsAsync(db, batch, cancellationToken);
        var letters = await LettersAsync(db, batch, subjects, now, cancellationToken);
        var (outcomes, unreachable) = await DeliverAsync(letters, subjects, now, cancellationToken);
        var sent = Record(db, outcomes, now);
        activity?.SetTag("mail.sent", sent.Count);

        // What left is marked even when the service is stopping: not marking it would send it again.
        // Sent mail in one statement (a batch is mostly sent mail, and one UPDATE per row was most of
        // a batch's time on PostgreSQL); the rest — failures, withdrawals — as tracked changes.
        if (sent.Count > 0)
        {
            await db.Mails.Where(m => sent.Contains(m.Id)).ExecuteUpdateAsync(set => set
                .SetProperty(m => m.SentAt, now)
                .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                .SetProperty(m => m.LastError, (string?)null)
                .SetProperty(m => m.Link, (string?)null), CancellationToken.None);
        }
        await db.SaveChangesAsync(CancellationToken.None);
        if (transaction is not null)
        {
            await transaction.CommitAsync(CancellationToken.None);
        }
        if (unreachable is not null)
        {
            throw new MailServerUnreachable(unreachable);
        }
        return claimed;
    }

    private static IEnumerable<ActivityLink> CausesOf(List<Model.Mail> batch) =>
        batch.Select(m => m.TraceParent).OfType<string>().Distinct().Take(32)
            .Select(id => ActivityContext.TryParse(id, null, out var cause) ? new ActivityLink(cause) : default)
            .Where(link => link.Context != default)
            .ToList();

    /// <summary>
    /// A full batch may end part-way through a member's digest (every digest is due at 08:00): that
    /// member's rows wait for the next batch, which starts with them, so the digest leaves whole.
    /// </summary>
    private void KeepDigestsWhole(List<Model.Mail> batch, int claimed)
    {
        if (claimed < _options.BatchSize || batch[^1] is not { Digest: true } last || batch.All(m => m.MemberId == last.MemberId))
        {
            return;
        }
        batch.RemoveAll(m => m.MemberId == last.MemberId && m.Digest);
    }

    private Task<List<Model.Mail>> ClaimAsync(NotificationsContext db, DateTime now, CancellationToken cancellationToken)
    {
        var size = _options.BatchSize;
        // Account mail first (a reset link lives an hour; it must not wait behind a fan-out), then by
        // due time and member, so that a member's digest mail, all due at the same hour, stays together.
        if (database.Provider == DatabaseProvider.PostgreSql)
        {
            return db.Mails.FromSql($"""
                SELECT * FROM mails
                WHERE "SentAt" IS NULL AND "FailedAt" IS NULL AND "WithdrawnAt" IS NULL AND "DueAt" <= {now}
                ORDER BY "Topic" = 'Account' DESC, "DueAt", "MemberId", "Id" LIMIT {size} FOR UPDATE SKIP LOCKED
                """).ToListAsync(cancellationToken);
        }
        return db.Mails
            .Where(m => m.SentAt == null && m.FailedAt == null && m.WithdrawnAt == null && m.DueAt <= now)
            .OrderByDescending(m => m.Topic == Topic.Account).ThenBy(m => m.DueAt).ThenBy(m => m.MemberId).ThenBy(m => m.Id)
            .Take(size)
            .ToListAsync(cancellationToken);
    }

    /// <summary>The emails to write: mail the member no longer wants is withdrawn; digest mail is gathered per member.</summary>
    private async Task<List<Letter>> LettersAsync(NotificationsContext db, List<Model.Mail> batch, Subjects subjects, DateTime now, CancellationToken cancellationToken)
    {
        var memberIds = batch.Where(m => m.Topic != Topic.Account).Select(m => m.MemberId).Distinct().ToList();
        var recipients = await db.Recipients.AsNoTracking().Where(r => memberIds.Contains(r.MemberId)).ToDictionaryAsync(r => r.MemberId, cancellationToken);
        var letters = new List<Letter>();
        var withdrawn = 0;
        foreach (var mail in batch.Where(m => m.Topic == Topic.Account))
        {
            // A link that has expired is not worth a mail.
            if (mail.LinkExpiresAt <= now || mail.To is null || mail.Link is null)
            {
                mail.Withdrawn(now);
                withdrawn++;
                continue;
            }
            letters.Add(new Letter(mail.Id, mail.To, mail.DisplayName, mail.Language ?? "fr", [mail], null));
        }
        var seatHolders = await SeatHoldersAsync(db, batch, cancellationToken);
        foreach (var group in batch.Where(m => m.Topic != Topic.Account).GroupBy(m => (m.MemberId, m.Digest)))
        {
            var recipient = recipients.GetValueOrDefault(group.Key.MemberId);
            var wanted = new List<Model.Mail>();
            foreach (var mail in group)
            {
                // The rules again, with the member as they now are: they may have left, muted the
                // theme or turned this email off since it was stored.
                if (recipient?.Email is null || !Audience.For(recipient, mail.Topic, ThemesOf(mail, subjects)).HasFlag(Channels.Email)
                    || Outdated(mail, subjects, seatHolders, now))
                {
                    mail.Withdrawn(now);
                    withdrawn++;
                    continue;
                }
                wanted.Add(mail);
            }
            if (wanted.Count == 0)
            {
                continue;
            }
            var gathered = group.Key.Digest ? [wanted] : wanted.Select(m => new List<Model.Mail> { m });
            foreach (var items in gathered)
            {
                var token = await unsubscribeLinks.TokenAsync(recipient!.MemberId, UnsubscribeScopes.Of(items[0].Topic, group.Key.Digest), cancellationToken);
                letters.Add(new Letter(items[0].Id, recipient.Email!, recipient.DisplayName, recipient.Language, items, token));
            }
        }
        if (withdrawn > 0)
        {
            metrics.Withdrawn(withdrawn);
        }
        return letters;
    }

    /// <summary>
    /// Mail about an event that no longer holds: anything but the cancellation itself once the event
    /// is called off, and a reminder for an event that has started, was moved since (a new reminder
    /// has its own cause), or whose seat the member gave up.
    /// </summary>
    private static bool Outdated(Model.Mail mail, Subjects subjects, HashSet<(Guid EventId, Guid MemberId)> seatHolders, DateTime now)
    {
        if (mail.EventId is not { } eventId || !subjects.Events.TryGetValue(eventId, out var theEvent))
        {
            return false;
        }
        if (theEvent.CancelledAt is not null && mail.Kind != NotificationKind.EventCancelled)
        {
            return true;
        }
        return mail.Kind == NotificationKind.EventReminder
            && (theEvent.StartsAt <= now || mail.Cause != theEvent.ReminderCause || !seatHolders.Contains((eventId, mail.MemberId)));
    }

    /// <summary>Who still holds a seat at the events the batch's reminders are about.</summary>
    private static async Task<HashSet<(Guid EventId, Guid MemberId)>> SeatHoldersAsync(NotificationsContext db, List<Model.Mail> batch, CancellationToken cancellationToken)
    {
        var reminded = batch.Where(m => m.Kind == NotificationKind.EventReminder && m.EventId is not null).Select(m => m.EventId!.Value).Distinct().ToList();
        if (reminded.Count == 0)
        {
            return [];
        }
        var members = batch.Where(m => m.Kind == NotificationKind.EventReminder).Select(m => m.MemberId).Distinct().ToList();
        var holders = await db.Registrants.AsNoTracking()
            .Where(g => reminded.Contains(g.EventId) && members.Contains(g.MemberId) && g.Status == RegistrantStatus.Confirmed)
            .Select(g => new { g.EventId, g.MemberId })
            .ToListAsync(cancellationToken);
        return holders.Select(h => (h.EventId, h.MemberId)).ToHashSet();
    }

    private static IReadOnlyCollection<string> ThemesOf(Model.Mail mail, Subjects subjects) =>
        mail.EventId is { } eventId && subjects.Events.TryGetValue(eventId, out var theEvent) ? theEvent.Themes
        : mail.ArticleId is { } articleId && subjects.Articles.TryGetValue(articleId, out var article) ? article.Themes
        : [];

    private static async Task<Subjects> SubjectsAsync(NotificationsContext db, List<Model.Mail> batch, CancellationToken cancellationToken)
    {
        var eventIds = batch.Where(m => m.EventId is not null).Select(m => m.EventId!.Value).Distinct().ToList();
        var articleIds = batch.Where(m => m.ArticleId is not null).Select(m => m.ArticleId!.Value).Distinct().ToList();
        var events = eventIds.Count == 0 ? [] : await db.Announcements.AsNoTracking().Where(a => eventIds.Contains(a.EventId)).ToDictionaryAsync(a => a.EventId, cancellationToken);
        var articles = articleIds.Count == 0 ? [] : await db.Articles.AsNoTracking().Where(a => articleIds.Contains(a.ArticleId)).ToDictionaryAsync(a => a.ArticleId, cancellationToken);
        return new Subjects(events, articles);
    }

    private sealed record Outcome(Letter Letter, string? Error, bool Permanent);

    /// <summary>
    /// Each worker opens one drop (an SMTP connection) and hands over its share of the letters in
    /// turn. A server that cannot be reached (or refuses our sign-in) is not the letters' fault:
    /// they stay due, untried, and the postman backs off. A stopping service finishes the letter in
    /// hand and takes no other.
    /// </summary>
    private async Task<(List<Outcome> Outcomes, string? Unreachable)> DeliverAsync(List<Letter> letters, Subjects subjects, DateTime now, CancellationToken stopping)
    {
        var outcomes = new ConcurrentBag<Outcome>();
        string? unreachable = null;
        var workers = Math.Max(1, Math.Min(_options.Parallelism, letters.Count));
        var shares = letters.Select((letter, i) => (letter, i)).GroupBy(x => x.i % workers, x => x.letter).ToList();
        await Task.WhenAll(shares.Select(share => Task.Run(async () =>
        {
            IMailDrop? drop = null;
            try
            {
                foreach (var letter in share)
                {
                    if (stopping.IsCancellationRequested || Volatile.Read(ref unreachable) is not null)
                    {
                        return;
                    }
                    if (drop is null)
                    {
                        try
                        {
                            drop = await transport.OpenAsync(stopping);
                        }
                        catch (Exception e) when (e is not OperationCanceledException)
                        {
                            Interlocked.CompareExchange(ref unreachable, e.Message, null);
                            return;
                        }
                    }
                    try
                    {
                        await drop.DeliverAsync(composer.Compose(letter, subjects, now), CancellationToken.None);
                        outcomes.Add(new Outcome(letter, null, false));
                    }
                    catch (PermanentMailFailure e)
                    {
                        outcomes.Add(new Outcome(letter, e.Message, true));
                    }
                    catch (Exception e) when (e is FormatException or ArgumentException or MimeKit.ParseException)
                    {
                        // An address no mail server would take: trying again will not help.
                        outcomes.Add(new Outcome(letter, e.Message, true));
                    }
                    catch (Exception e)
                    {
                        outcomes.Add(new Outcome(letter, e.Message, false));
                        // The connection may be broken: the next letter opens a new one.
                        await drop.DisposeAsync();
                        drop = null;
                    }
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                // Stopping while connecting: what was delivered is in the outcomes.
            }
            finally
            {
                if (drop is not null)
                {
                    await drop.DisposeAsync();
                }
            }
        }, CancellationToken.None)));
        return ([.. outcomes], unreachable);
    }

    /// <summary>Records failures on their rows; returns the ids of the mail that left, for the caller to mark sent.</summary>
    private List<Guid> Record(NotificationsContext db, List<Outcome> outcomes, DateTime now)
    {
        var sent = new List<Guid>();
        foreach (var (letter, error, permanent) in outcomes)
        {
            foreach (var mail in letter.Items)
            {
                var kind = mail.Kind.ToString();
                if (error is null)
                {
                    sent.Add(mail.Id);
                    metrics.Sent(kind, now - mail.DueAt);
                    continue;
                }
                var retryIn = permanent || mail.Attempts + 1 >= _options.MaxAttempts ? (TimeSpan?)null : _options.RetryDelay(mail.Attempts + 1);
                if (!mail.Failed(error, now, retryIn))
                {
                    metrics.Retried(kind);
                    LogRetry(logger, mail.Id, mail.Attempts, retryIn!.Value.TotalSeconds, error);
                    continue;
                }
                metrics.GivenUp(kind);
                LogGivenUp(logger, mail.Id, mail.MemberId, mail.Attempts, error);
                db.AddIntegrationEvent(new NotificationFailed
                {
                    NotificationId = mail.Id, MemberId = mail.MemberId, Channel = "email", Reason = error, OccurredAt = new DateTimeOffset(now, TimeSpan.Zero),
                });
            }
        }
        return sent;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The mail server cannot be reached ({Reason}); the due email waits, trying again in {DelaySeconds} s.")]
    private static partial void LogUnreachable(ILogger logger, string reason, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sending the due email failed; looking again shortly.")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Email {MailId} failed (try {Attempts}); trying again in {DelaySeconds} s: {Error}")]
    private static partial void LogRetry(ILogger logger, Guid mailId, int attempts, double delaySeconds, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Email {MailId} to member {MemberId} given up after {Attempts} tries: {Error}")]
    private static partial void LogGivenUp(ILogger logger, Guid mailId, Guid memberId, int attempts, string error);
}

/// <summary>The mail server could not be reached or refused the connection: nothing was tried.</summary>
public sealed class MailServerUnreachable(string reason) : Exception(reason);
