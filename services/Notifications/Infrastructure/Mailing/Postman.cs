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

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var full = false;
            try
            {
                full = await SendDueAsync(stoppingToken) >= _options.BatchSize;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
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
                    await Task.Delay(_options.PollInterval, stoppingToken);
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
        using var activity = MailMetrics.ActivitySource.StartActivity("send mail");
        activity?.SetTag("mail.claimed", batch.Count);

        var subjects = await SubjectsAsync(db, batch, cancellationToken);
        var letters = await LettersAsync(db, batch, subjects, now, cancellationToken);
        var outcomes = await DeliverAsync(letters, subjects, now, cancellationToken);
        Record(db, outcomes, now);
        activity?.SetTag("mail.sent", outcomes.Count(o => o.Error is null));

        await db.SaveChangesAsync(cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
        return batch.Count;
    }

    private Task<List<Model.Mail>> ClaimAsync(NotificationsContext db, DateTime now, CancellationToken cancellationToken)
    {
        var size = _options.BatchSize;
        // By due time, then member: a member's digest mail, all due at the same hour, stays in one batch.
        if (database.Provider == DatabaseProvider.PostgreSql)
        {
            return db.Mails.FromSql($"""
                SELECT * FROM mails
                WHERE "SentAt" IS NULL AND "FailedAt" IS NULL AND "WithdrawnAt" IS NULL AND "DueAt" <= {now}
                ORDER BY "DueAt", "MemberId", "Id" LIMIT {size} FOR UPDATE SKIP LOCKED
                """).ToListAsync(cancellationToken);
        }
        return db.Mails
            .Where(m => m.SentAt == null && m.FailedAt == null && m.WithdrawnAt == null && m.DueAt <= now)
            .OrderBy(m => m.DueAt).ThenBy(m => m.MemberId).ThenBy(m => m.Id)
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
            letters.Add(new Letter(mail.Id, mail.To!, mail.DisplayName, mail.Language ?? "fr", [mail], null));
        }
        foreach (var group in batch.Where(m => m.Topic != Topic.Account).GroupBy(m => (m.MemberId, m.Digest)))
        {
            var recipient = recipients.GetValueOrDefault(group.Key.MemberId);
            var wanted = new List<Model.Mail>();
            foreach (var mail in group)
            {
                // The rules again, with the member as they now are: they may have left, muted the
                // theme or turned this email off since it was stored.
                if (recipient?.Email is null || !Audience.For(recipient, mail.Topic, ThemesOf(mail, subjects)).HasFlag(Channels.Email))
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

    /// <summary>Each worker opens one drop (an SMTP connection) and hands over its share of the letters in turn.</summary>
    private async Task<List<Outcome>> DeliverAsync(List<Letter> letters, Subjects subjects, DateTime now, CancellationToken cancellationToken)
    {
        var outcomes = new ConcurrentBag<Outcome>();
        var workers = Math.Max(1, Math.Min(_options.Parallelism, letters.Count));
        var shares = letters.Select((letter, i) => (letter, i)).GroupBy(x => x.i % workers, x => x.letter);
        await Task.WhenAll(shares.Select(share => Task.Run(async () =>
        {
            IMailDrop? drop = null;
            try
            {
                foreach (var letter in share)
                {
                    try
                    {
                        drop ??= await transport.OpenAsync(cancellationToken);
                        await drop.DeliverAsync(composer.Compose(letter, subjects, now), cancellationToken);
                        outcomes.Add(new Outcome(letter, null, false));
                    }
                    catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                    {
                        throw;
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
                        if (drop is not null)
                        {
                            await drop.DisposeAsync();
                            drop = null;
                        }
                    }
                }
            }
            finally
            {
                if (drop is not null)
                {
                    await drop.DisposeAsync();
                }
            }
        }, cancellationToken)));
        return [.. outcomes];
    }

    private void Record(NotificationsContext db, List<Outcome> outcomes, DateTime now)
    {
        foreach (var (letter, error, permanent) in outcomes)
        {
            foreach (var mail in letter.Items)
            {
                var kind = mail.Kind.ToString();
                if (error is null)
                {
                    var due = mail.DueAt;
                    mail.Sent(now);
                    metrics.Sent(kind, now - due);
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
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Sending the due email failed; looking again shortly.")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Email {MailId} failed (try {Attempts}); trying again in {DelaySeconds} s: {Error}")]
    private static partial void LogRetry(ILogger logger, Guid mailId, int attempts, double delaySeconds, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Email {MailId} to member {MemberId} given up after {Attempts} tries: {Error}")]
    private static partial void LogGivenUp(ILogger logger, Guid mailId, Guid memberId, int attempts, string error);
}
