using System.ComponentModel.DataAnnotations;
using CircularPlatform.ServiceDefaults.Data;
using CircularPlatform.TestSupport;
using Microsoft.EntityFrameworkCore;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace CircularPlatform.ServiceDefaults.Tests;

public sealed class SqliteWriteGateTests : IDisposable
{
    private readonly TemporaryFolder _folder = new("cp-gate");
    private readonly SqliteWriteGate _gate = new();
    private readonly GateProbe _probe;
    private readonly CommandProbe _commands = new();

    public SqliteWriteGateTests()
    {
        _probe = new GateProbe(_gate);
        using var db = Context();
        db.Database.EnsureCreated();
    }

    public void Dispose() => _folder.Dispose();

    private NoteContext Context() => new(Options());

    private DbContextOptions<NoteContext> Options() => new DbContextOptionsBuilder<NoteContext>()
        .UseSqlite($"Data Source={Path.Combine(_folder.Path, "notes.db")}")
        // The probes come after the gate's interceptor: they see the save as the database will.
        .AddInterceptors(new SqliteWriteGateInterceptor(_gate), _probe, _commands)
        .Options;

    [Fact]
    public async Task A_save_holds_the_gate_while_it_writes_and_gives_it_back()
    {
        await using var db = Context();
        db.Notes.Add(new Note { Text = "compost" });
        await db.SaveChangesAsync();

        Assert.Equal([true], _probe.BusyWhileSaving);
        Assert.False(_gate.Busy);
    }

    [Fact]
    public async Task A_save_inside_the_flow_that_holds_the_gate_does_not_wait_for_itself()
    {
        await using var db = Context();
        using (await _gate.EnterAsync(CancellationToken.None))
        {
            db.Notes.Add(new Note { Text = "inbox" });
            await db.SaveChangesAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }

        Assert.False(_gate.Busy);
        Assert.Equal(1, await db.Notes.CountAsync());
    }

    [Fact]
    public async Task Concurrent_saves_write_one_at_a_time_and_all_succeed()
    {
        await Task.WhenAll(Enumerable.Range(0, 20).Select(n => Task.Run(async () =>
        {
            await using var db = Context();
            db.Notes.Add(new Note { Text = $"note {n}" });
            await db.SaveChangesAsync();
        })));

        Assert.Equal(1, _commands.MostAtOnce);
        await using var check = Context();
        Assert.Equal(20, await check.Notes.CountAsync());
        Assert.False(_gate.Busy);
    }

    [Fact]
    public async Task A_save_refused_for_a_concurrent_change_gives_the_gate_back()
    {
        await using (var first = Context())
        {
            first.Notes.Add(new Note { Id = 1, Text = "compost" });
            await first.SaveChangesAsync();
        }
        await using var mine = Context();
        await using var theirs = Context();
        var note = await mine.Notes.SingleAsync();
        var same = await theirs.Notes.SingleAsync();
        same.Text = "compost collectif";
        same.Version++;
        await theirs.SaveChangesAsync();

        note.Text = "compost partagé";
        note.Version++;
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => mine.SaveChangesAsync());

        Assert.False(_gate.Busy);
        theirs.Notes.Add(new Note { Id = 2, Text = "bois" });
        await theirs.SaveChangesAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_pooled_context_refused_in_a_later_life_gives_the_gate_back_too()
    {
        // The services rent their contexts from a pool, which puts a context's events back to
        // their first state at every rent: the gate must not count on a handler from a past life.
        var pool = new PooledDbContextFactory<NoteContext>(Options(), poolSize: 2);
        await using (var first = await pool.CreateDbContextAsync())
        {
            first.Notes.Add(new Note { Id = 1, Text = "compost" });
            await first.SaveChangesAsync();
        }

        for (var life = 1; life <= 3; life++)
        {
            await using var mine = await pool.CreateDbContextAsync();
            await using var theirs = await pool.CreateDbContextAsync();
            var note = await mine.Notes.SingleAsync(n => n.Id == 1);
            var same = await theirs.Notes.SingleAsync(n => n.Id == 1);
            same.Version++;
            await theirs.SaveChangesAsync().WaitAsync(TimeSpan.FromSeconds(30));

            note.Version++;
            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => mine.SaveChangesAsync());
            Assert.False(_gate.Busy, $"the gate is still held after the refused save of life {life}");
        }
    }

    public sealed class Note
    {
        public int Id { get; set; }
        public string Text { get; set; } = "";
        [ConcurrencyCheck]
        public int Version { get; set; }
    }

    public sealed class NoteContext(DbContextOptions<NoteContext> options) : DbContext(options)
    {
        public DbSet<Note> Notes => Set<Note>();
    }

    private sealed class GateProbe(SqliteWriteGate gate) : SaveChangesInterceptor
    {
        public List<bool> BusyWhileSaving { get; } = [];

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            lock (BusyWhileSaving)
            {
                BusyWhileSaving.Add(gate.Busy);
            }
            return ValueTask.FromResult(result);
        }
    }

    // Counts the commands running at once. A save's commands run strictly inside the gate, while
    // its SavedChanges runs after the gate was given back, so counting from SavingChanges to
    // SavedChanges would see the next writer come in and count two where the database saw one.
    private sealed class CommandProbe : DbCommandInterceptor
    {
        private int _running;
        private int _most;

        public int MostAtOnce => Volatile.Read(ref _most);

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Enter();
            return ValueTask.FromResult(result);
        }

        public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
        {
            Interlocked.Decrement(ref _running);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Enter();
            return ValueTask.FromResult(result);
        }

        public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            Interlocked.Decrement(ref _running);
            return ValueTask.FromResult(result);
        }

        public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
        {
            Interlocked.Decrement(ref _running);
            return Task.CompletedTask;
        }

        private void Enter()
        {
            var running = Interlocked.Increment(ref _running);
            int most;
            while (running > (most = Volatile.Read(ref _most)) && Interlocked.CompareExchange(ref _most, running, most) != most)
            {
            }
        }
    }
}
