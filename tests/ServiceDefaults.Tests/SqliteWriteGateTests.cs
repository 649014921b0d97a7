using CircularPlatform.ServiceDefaults.Data;
using CircularPlatform.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CircularPlatform.ServiceDefaults.Tests;

public sealed class SqliteWriteGateTests : IDisposable
{
    private readonly TemporaryFolder _folder = new("cp-gate");
    private readonly SqliteWriteGate _gate = new();
    private readonly GateProbe _probe;

    public SqliteWriteGateTests()
    {
        _probe = new GateProbe(_gate);
        using var db = Context();
        db.Database.EnsureCreated();
    }

    public void Dispose() => _folder.Dispose();

    private NoteContext Context() => new(new DbContextOptionsBuilder<NoteContext>()
        .UseSqlite($"Data Source={Path.Combine(_folder.Path, "notes.db")}")
        // The probe comes after the gate's interceptor: it sees the save as the database will.
        .AddInterceptors(new SqliteWriteGateInterceptor(_gate), _probe)
        .Options);

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

        Assert.Equal(1, _probe.MostInsideAtOnce);
        await using var check = Context();
        Assert.Equal(20, await check.Notes.CountAsync());
        Assert.False(_gate.Busy);
    }

    public sealed class Note
    {
        public int Id { get; set; }
        public string Text { get; set; } = "";
    }

    private sealed class NoteContext(DbContextOptions<NoteContext> options) : DbContext(options)
    {
        public DbSet<Note> Notes => Set<Note>();
    }

    private sealed class GateProbe(SqliteWriteGate gate) : SaveChangesInterceptor
    {
        private int _inside;
        private int _most;

        public List<bool> BusyWhileSaving { get; } = [];

        public int MostInsideAtOnce => Volatile.Read(ref _most);

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            lock (BusyWhileSaving)
            {
                BusyWhileSaving.Add(gate.Busy);
            }
            var inside = Interlocked.Increment(ref _inside);
            int most;
            while (inside > (most = Volatile.Read(ref _most)) && Interlocked.CompareExchange(ref _most, inside, most) != most)
            {
            }
            return ValueTask.FromResult(result);
        }

        public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            Interlocked.Decrement(ref _inside);
            return ValueTask.FromResult(result);
        }
    }
}
