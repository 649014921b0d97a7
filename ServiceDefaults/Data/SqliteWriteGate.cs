namespace CircularPlatform.ServiceDefaults.Data;

/// <summary>
/// SQLite has one writer at a time, and Microsoft.Data.Sqlite waits for a busy database by putting
/// the calling thread to sleep. With many consumers queueing for the write lock that blocks the
/// thread pool, and on a small machine the holder of the lock then waits for a thread to finish:
/// deliveries stalled for tens of seconds under load. Consumers of one process therefore queue
/// here, asynchronously, before they open their write transaction. Unused on PostgreSQL.
/// </summary>
public sealed class SqliteWriteGate
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        return new Exit(_gate);
    }

    private sealed class Exit(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
