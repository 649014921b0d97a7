using CircularPlatform.Notifications.Model;
using CircularPlatform.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CircularPlatform.Notifications.Infrastructure.Reminders;

/// <summary>
/// Reminds the confirmed registrants of an event before it starts (24 h by default), with its
/// practical information. The due time is the announcement's, in the database: a restart finds it
/// again, and replicas on PostgreSQL claim each event with <c>FOR UPDATE SKIP LOCKED</c>; the
/// reminder's cause, unique per member, keeps a second telling from ever reaching anyone.
/// </summary>
public sealed partial class ReminderClock(
    IServiceScopeFactory scopes,
    DatabaseInfo database,
    IOptions<ReminderOptions> options,
    TimeProvider clock,
    ILogger<ReminderClock> logger) : BackgroundService
{
    // One event at a time per instance, whoever asks: on SQLite nothing else keeps two from taking the same one.
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    private int _started;

    /// <summary>
    /// One loop per instance even when started twice (MassTransit's test harness starts the hosted
    /// services again): a second loop would outlive the stop, whose token only reaches the last.
    /// </summary>
    public override Task StartAsync(CancellationToken cancellationToken) =>
        Interlocked.Exchange(ref _started, 1) == 0 ? base.StartAsync(cancellationToken) : Task.CompletedTask;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await RemindDueAsync(stoppingToken))
                {
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogFailed(logger, e);
            }
            try
            {
                await Task.Delay(options.Value.Interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Reminds the registrants of one event whose reminder is due; false when there is none.</summary>
    public async Task<bool> RemindDueAsync(CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        Guid? failing = null;
        try
        {
            return await RemindNextAsync(id => failing = id, cancellationToken);
        }
        catch (Exception e) when (failing is { } eventId && e is not OperationCanceledException)
        {
            // One event that cannot be reminded must not hold up the others: it is tried again later.
            LogPostponed(logger, e, eventId);
            await PostponeAsync(eventId, cancellationToken);
            return true;
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private async Task PostponeAsync(Guid eventId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsContext>();
        var later = clock.GetUtcNow().UtcDateTime + RetryAfter;
        await db.Announcements.Where(a => a.EventId == eventId)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.ReminderDueAt, (DateTime?)later), cancellationToken);
    }

    private static readonly TimeSpan RetryAfter = TimeSpan.FromMinutes(5);

    private async Task<bool> RemindNextAsync(Action<Guid> taking, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var due = database.Provider == DatabaseProvider.PostgreSql
            ? await db.Announcements.FromSql($"""
                SELECT * FROM announcements WHERE "ReminderDueAt" <= {now} ORDER BY "ReminderDueAt" LIMIT 1 FOR UPDATE SKIP LOCKED
                """).AsNoTracking().FirstOrDefaultAsync(cancellationToken)
            : await db.Announcements.AsNoTracking().Where(a => a.ReminderDueAt <= now).OrderBy(a => a.ReminderDueAt).FirstOrDefaultAsync(cancellationToken);
        if (due is null)
        {
            return false;
        }
        taking(due.EventId);
        var told = 0;
        // Too late once it has started: nothing to remind of.
        if (due.StartsAt > now && due.CancelledAt is null)
        {
            told = await Feed.TellAsync(db, clock,
                db.Recipients.Where(r => db.Registrants.Any(g => g.EventId == due.EventId && g.Status == RegistrantStatus.Confirmed && g.MemberId == r.MemberId)),
                [],
                new Tidings(NotificationKind.EventReminder, Topic.RegistrationUpdate, due.ReminderCause, due.EventId),
                cancellationToken);
        }
        await db.Announcements.Where(a => a.Id == due.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.RemindedAt, now).SetProperty(a => a.ReminderDueAt, (DateTime?)null), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogReminded(logger, due.EventId, told);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Looking for due reminders failed; looking again later.")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reminding the registrants of event {EventId} failed; trying it again in five minutes.")]
    private static partial void LogPostponed(ILogger logger, Exception exception, Guid eventId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminded {Count} registrants of event {EventId}.")]
    private static partial void LogReminded(ILogger logger, Guid eventId, int count);
}
