using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CircularPlatform.ServiceDefaults.Data;

/// <summary>
/// A read-then-write that must see no other writer between its read and its write (the seats of an
/// event, the inbox's "seen this message?"): one transaction, and on SQLite the process's write
/// gate held around it. Nested uses — a consumer's write inside the inbox's — join the outer one.
/// </summary>
public sealed class DatabaseWrites(DatabaseInfo database, SqliteWriteGate gate)
{
    /// <summary>
    /// Not an async method on purpose: the gate's mark must be set in the caller's own flow, so
    /// that the caller's <c>SaveChanges</c> inside the scope does not queue behind the scope itself.
    /// </summary>
    public Task<WriteScope> BeginAsync(DbContext db, CancellationToken cancellationToken)
    {
        var entering = database.Provider == DatabaseProvider.Sqlite && !gate.HeldHere ? gate.EnterAsync(cancellationToken) : null;
        return OpenAsync(db, entering, cancellationToken);
    }

    private static async Task<WriteScope> OpenAsync(DbContext db, Task<IDisposable>? entering, CancellationToken cancellationToken)
    {
        var held = entering is null ? null : await entering;
        try
        {
            var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
            return new WriteScope(held, own);
        }
        catch
        {
            held?.Dispose();
            throw;
        }
    }
}

/// <summary>Commits what it began; disposed without a commit, rolls it back and lets the next writer in.</summary>
public sealed class WriteScope : IAsyncDisposable
{
    private readonly IDisposable? _gate;
    private readonly IDbContextTransaction? _transaction;

    internal WriteScope(IDisposable? gate, IDbContextTransaction? transaction)
    {
        _gate = gate;
        _transaction = transaction;
    }

    /// <summary>A scope joined to an outer one commits nothing: the outer one does.</summary>
    public Task CommitAsync(CancellationToken cancellationToken) =>
        _transaction?.CommitAsync(cancellationToken) ?? Task.CompletedTask;

    public ValueTask DisposeAsync()
    {
        if (_gate is null)
        {
            return _transaction?.DisposeAsync() ?? ValueTask.CompletedTask;
        }
        // SQLite, a local file: the roll-back is done synchronously so that the gate is released
        // in the caller's flow, which takes its mark off (an async method could not).
        _transaction?.Dispose();
        _gate.Dispose();
        return ValueTask.CompletedTask;
    }
}
