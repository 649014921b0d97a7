using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CircularPlatform.ServiceDefaults.Data;

/// <summary>
/// SQLite has one writer at a time, and Microsoft.Data.Sqlite waits for a busy database by putting
/// the calling thread to sleep, 150 ms at a time. Writers of one process that meet at the write
/// lock — a request scheduling an event while the outbox relay marks rows sent, consumers racing —
/// then slept instead of working: under a steady stream of writes most of them waited a sleep or
/// more, and the threads they held starved the rest. Every writer of a process therefore queues
/// here, asynchronously, before its write transaction: the consumers' inbox explicitly, every other
/// <c>SaveChanges</c> through <see cref="SqliteWriteGateInterceptor"/>. Unused on PostgreSQL.
/// </summary>
public sealed class SqliteWriteGate
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    // Set in the flow that holds the gate, so a SaveChanges inside it (a consumer's, within the
    // inbox's transaction) does not queue behind itself.
    private readonly AsyncLocal<bool> _heldHere = new();

    public bool HeldHere => _heldHere.Value;

    /// <summary>Whether a writer holds the gate at this moment.</summary>
    public bool Busy => _gate.CurrentCount == 0;

    /// <summary>
    /// Not an async method on purpose: the mark is set in the caller's own flow and seen by
    /// everything it calls afterwards; disposing the result takes it off again.
    /// </summary>
    public Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        _heldHere.Value = true;
        return WaitAsync(cancellationToken);
    }

    // A cancelled wait leaves the caller's flow marked (an async method cannot change its caller's
    // flow); the caller is then unwinding with the cancellation and writes nothing more.
    private async Task<IDisposable> WaitAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        return new Exit(this);
    }

    internal async Task<IDisposable> EnterForSaveAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        return new Exit(this, ownFlow: false);
    }

    internal IDisposable EnterForSave()
    {
        _gate.Wait();
        return new Exit(this, ownFlow: false);
    }

    private sealed class Exit(SqliteWriteGate owner, bool ownFlow = true) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                if (ownFlow)
                {
                    owner._heldHere.Value = false;
                }
                owner._gate.Release();
            }
        }
    }
}

/// <summary>
/// Puts every <c>SaveChanges</c> of an SQLite context through the process's <see cref="SqliteWriteGate"/>,
/// unless its flow holds the gate already. Registered for SQLite databases only.
/// </summary>
public sealed class SqliteWriteGateInterceptor : SaveChangesInterceptor
{
    // One SaveChanges at a time per context, pooled or not: the context is the key until it is done.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, IDisposable> _held = [];

    // A save refused for a concurrent change (DbUpdateConcurrencyException) reaches no interceptor
    // after it is rolled back: EF Core logs it as an optimistic concurrency failure instead of
    // calling SaveChangesFailed. The context's own SaveChangesFailed event is raised for every
    // failure, after the rollback, so the gate is given back from there too. The handler is added
    // for each save and taken off when the gate is given back: a pooled context's events are reset
    // to their first state when it is rented again, so a handler added once per context would be
    // gone from its second life on, and that life's first refused save would keep the gate.
    private readonly EventHandler<SaveChangesFailedEventArgs> _onFailed;

    public SqliteWriteGateInterceptor(SqliteWriteGate gate)
    {
        _gate = gate;
        _onFailed = (sender, _) => Release(sender as DbContext);
    }

    private readonly SqliteWriteGate _gate;

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && !_gate.HeldHere)
        {
            Hold(context, await _gate.EnterForSaveAsync(cancellationToken));
        }
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context && !_gate.HeldHere)
        {
            Hold(context, _gate.EnterForSave());
        }
        return result;
    }

    private void Hold(DbContext context, IDisposable exit)
    {
        _held.AddOrUpdate(context, exit);
        context.SaveChangesFailed -= _onFailed;
        context.SaveChangesFailed += _onFailed;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Release(eventData.Context);
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Release(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Release(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return Task.CompletedTask;
    }

    private void Release(DbContext? context)
    {
        if (context is not null && _held.TryGetValue(context, out var exit))
        {
            _held.Remove(context);
            context.SaveChangesFailed -= _onFailed;
            exit.Dispose();
        }
    }
}
