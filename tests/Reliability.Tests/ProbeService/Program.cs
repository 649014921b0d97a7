using System.Diagnostics;
using CircularPlatform.ProbeService;
using MassTransit;
using Microsoft.EntityFrameworkCore;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase<ProbeDatabase, SqliteProbeDatabase, PostgresProbeDatabase>("probedb");
builder.AddMessaging<ProbeDatabase>(typeof(ProbeConsumer).Assembly);
builder.Services.AddSingleton<ProbeCause>();
builder.Services.AddSingleton<ProbeCounters>();

var app = builder.Build();
app.Services.GetRequiredService<ProbeCounters>();
app.MapDefaultEndpoints();
app.MapMessagingOperations();

// Accepts a batch the way a service accepts a request: state and events in one SaveChanges per chunk.
app.MapPost("/probe/batches/{batch}", async (string batch, int count, int? poisoned, ProbeDatabase db) =>
{
    for (var start = 0; start < count; start += 100)
    {
        for (var sequence = start; sequence < Math.Min(count, start + 100); sequence++)
        {
            db.AddIntegrationEvent(new ProbeSent { ProbeId = Guid.NewGuid(), Batch = batch, Sequence = sequence, Poisoned = sequence < (poisoned ?? 0) });
        }
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }
    return Results.Ok(new { accepted = count, traceId = Activity.Current?.TraceId.ToString() });
});

// Publishes every message twice with the same MessageId, as a broker redelivery would.
app.MapPost("/probe/batches/{batch}/twice", async (string batch, int count, IBus bus) =>
{
    for (var sequence = 0; sequence < count; sequence++)
    {
        var message = new ProbeSent { ProbeId = Guid.NewGuid(), Batch = batch, Sequence = sequence };
        var messageId = NewId.NextGuid();
        await bus.Publish(message, context => context.MessageId = messageId);
        await bus.Publish(message, context => context.MessageId = messageId);
    }
    return Results.Ok(new { published = count * 2 });
});

app.MapGet("/probe/batches/{batch}", async (string batch, ProbeDatabase db) =>
{
    var receipts = db.Receipts.Where(r => r.Batch == batch && !r.Fault);
    return Results.Ok(new
    {
        receipts = await receipts.CountAsync(),
        distinct = await receipts.Select(r => r.ProbeId).Distinct().CountAsync(),
        faults = await db.Receipts.CountAsync(r => r.Batch == batch && r.Fault),
        traceIds = await receipts.Select(r => r.TraceId).Distinct().Take(5).ToListAsync(),
    });
});

app.MapGet("/probe/outbox", async (ProbeDatabase db) => Results.Ok(new
{
    unsent = await db.Set<CircularPlatform.Messaging.Outbox.OutboxMessage>().CountAsync(m => m.SentAt == null),
    sent = await db.Set<CircularPlatform.Messaging.Outbox.OutboxMessage>().CountAsync(m => m.SentAt != null),
}));
app.MapGet("/probe/counters", (ProbeCounters counters) => Results.Ok(new { published = counters.Published, duplicates = counters.Duplicates }));
app.MapPost("/probe/cause/fix", (ProbeCause cause) => cause.Fixed = true);

app.Run();
