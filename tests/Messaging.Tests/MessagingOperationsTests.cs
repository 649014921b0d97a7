using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CircularPlatform.Messaging.Outbox;
using CircularPlatform.TestSupport;
using Microsoft.AspNetCore.TestHost;
using RabbitMQ.Client;
using Xunit.Abstractions;

namespace CircularPlatform.Messaging.Tests;

[Collection(nameof(SharedBroker))]
public sealed class MessagingOperationsTests(RabbitMqFixture broker, ITestOutputHelper output)
{
    private static readonly string[] FaultHeaders =
    [
        "MT-Fault-Message", "MT-Fault-ExceptionType", "MT-Fault-StackTrace", "MT-Fault-ConsumerType", "MT-Reason", "MT-Redelivery-Count",
    ];

    [Fact]
    public async Task Only_the_club_administrators_see_and_replay_messages()
    {
        await using var client = await BrokerClient.ConnectAsync(broker.ConnectionString);
        await client.DeclareAsync("x-svc-guarded", "x-svc-guarded_error");
        await client.PublishAsync("x-svc-guarded_error", 2);
        await using var app = await OpsApp.StartAsync(broker.ConnectionString, ["x-svc-guarded"], output);
        var organiser = app.GetTestClient();
        organiser.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Bearer", (await SharedAuthority.GetAsync()).Token("organiser"));

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.GetTestClient().GetAsync("/ops/messaging")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.GetTestClient().PostAsync("/ops/messaging/queues/x-svc-guarded/replay-errors", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await organiser.GetAsync("/ops/messaging")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await organiser.PostAsync("/ops/messaging/queues/x-svc-guarded/replay-errors", null)).StatusCode);

        // Nothing was replayed by those refused.
        var status = await app.GetOpsClient().GetFromJsonAsync<JsonElement>("/ops/messaging");
        AssertQueue(status.GetProperty("queues").EnumerateArray().Single(), declared: true, messages: 0, consumers: 0, errors: 2, skipped: 0);
    }

    [Fact]
    public async Task The_status_reports_the_outbox_and_the_depth_of_each_consumer_queue_and_its_companions()
    {
        await using var client = await BrokerClient.ConnectAsync(broker.ConnectionString);
        await client.DeclareAsync("x-svc-thing", "x-svc-thing_error", "x-svc-thing_skipped", "x-svc-busy");
        await client.PublishAsync("x-svc-thing", 5);
        await client.PublishAsync("x-svc-thing_error", 3);
        await client.PublishAsync("x-svc-thing_skipped", 1);
        await client.AttachConsumerAsync("x-svc-busy");
        await using var app = await OpsApp.StartAsync(
            broker.ConnectionString, ["x-svc-thing", "x-svc-busy", "x-svc-never-started"], output, new OutboxStatus(7, 12.5, 1));

        var response = await app.GetOpsClient().GetAsync("/ops/messaging");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var status = await response.Content.ReadFromJsonAsync<JsonElement>();
        var outbox = status.GetProperty("outbox");
        Assert.Equal(7, outbox.GetProperty("backlog").GetInt32());
        Assert.Equal(12.5, outbox.GetProperty("oldestUnsentAgeSeconds").GetDouble());
        Assert.Equal(1, outbox.GetProperty("dead").GetInt32());
        var queues = status.GetProperty("queues").EnumerateArray().ToDictionary(q => q.GetProperty("name").GetString()!);
        Assert.Equal(["x-svc-thing", "x-svc-busy", "x-svc-never-started"], queues.Keys);
        AssertQueue(queues["x-svc-thing"], declared: true, messages: 5, consumers: 0, errors: 3, skipped: 1);
        AssertQueue(queues["x-svc-busy"], declared: true, messages: 0, consumers: 1, errors: 0, skipped: 0);
        AssertQueue(queues["x-svc-never-started"], declared: false, messages: 0, consumers: 0, errors: 0, skipped: 0);
    }

    [Fact]
    public async Task Without_an_outbox_the_status_says_so_and_an_empty_outbox_keeps_every_field()
    {
        await using (var withoutOutbox = await OpsApp.StartAsync(broker.ConnectionString, [], output))
        {
            var status = await withoutOutbox.GetOpsClient().GetFromJsonAsync<JsonElement>("/ops/messaging");
            Assert.Equal(JsonValueKind.Null, status.GetProperty("outbox").ValueKind);
            Assert.Empty(status.GetProperty("queues").EnumerateArray());
        }

        await using var emptyOutbox = await OpsApp.StartAsync(broker.ConnectionString, [], output, new OutboxStatus(0, null, 0));
        var empty = await emptyOutbox.GetOpsClient().GetFromJsonAsync<JsonElement>("/ops/messaging");
        Assert.Equal(JsonValueKind.Null, empty.GetProperty("outbox").GetProperty("oldestUnsentAgeSeconds").ValueKind);
    }

    [Fact]
    public async Task Replay_moves_every_failed_message_back_intact_without_its_fault_headers()
    {
        const int count = 2000;
        await using var client = await BrokerClient.ConnectAsync(broker.ConnectionString);
        await client.DeclareAsync("x-svc-replay", "x-svc-replay_error");
        var sent = Enumerable.Range(0, count).Select(FailedMessage).ToList();
        await client.PublishAsync("x-svc-replay_error", sent);
        await using var app = await OpsApp.StartAsync(broker.ConnectionString, ["x-svc-replay"], output);

        var clock = Stopwatch.StartNew();
        var response = await app.GetOpsClient().PostAsync("/ops/messaging/queues/x-svc-replay/replay-errors", null);
        clock.Stop();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var moved = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("moved").GetInt32();
        output.WriteLine($"replayed {moved} of {count} messages in {clock.ElapsedMilliseconds} ms");
        Assert.Equal(count, moved);
        Assert.Equal(0u, await client.CountAsync("x-svc-replay_error"));

        var received = await client.DrainAsync("x-svc-replay");
        Assert.Equal(count, received.Count);
        var expected = sent.ToDictionary(m => m.Properties.MessageId!, m => m.Body);
        foreach (var message in received)
        {
            var properties = message.BasicProperties;
            Assert.True(expected.Remove(properties.MessageId!, out var body), $"unexpected or repeated message {properties.MessageId}");
            Assert.Equal(body, message.Body.ToArray());
            Assert.Equal("application/vnd.masstransit+json", properties.ContentType);
            Assert.Equal(DeliveryModes.Persistent, properties.DeliveryMode);
            // x-dotnet-pub-seq-no is RabbitMQ.Client's own, added to every publish it tracks.
            Assert.Equal(
                ["MT-Host-MachineName", "x-club", "x-dotnet-pub-seq-no"],
                properties.Headers!.Keys.Order(StringComparer.Ordinal));
            Assert.Equal("CALL", Encoding.UTF8.GetString((byte[])properties.Headers["x-club"]!));
        }
        Assert.Empty(expected);
    }

    [Fact]
    public async Task Replay_moves_at_most_max_and_later_calls_take_the_rest()
    {
        await using var client = await BrokerClient.ConnectAsync(broker.ConnectionString);
        await client.DeclareAsync("x-svc-partial", "x-svc-partial_error");
        await client.PublishAsync("x-svc-partial_error", 10);
        await using var app = await OpsApp.StartAsync(broker.ConnectionString, ["x-svc-partial"], output);
        var http = app.GetOpsClient();

        Assert.Equal(4, await ReplayAsync(http, "x-svc-partial", "?max=4"));
        Assert.Equal(6u, await client.CountAsync("x-svc-partial_error"));
        Assert.Equal(4u, await client.CountAsync("x-svc-partial"));

        Assert.Equal(6, await ReplayAsync(http, "x-svc-partial", ""));
        Assert.Equal(0, await ReplayAsync(http, "x-svc-partial", ""));
        Assert.Equal(0u, await client.CountAsync("x-svc-partial_error"));
        Assert.Equal(10u, await client.CountAsync("x-svc-partial"));
    }

    [Fact]
    public async Task A_message_the_broker_refuses_to_take_back_stays_in_the_error_queue()
    {
        await using var client = await BrokerClient.ConnectAsync(broker.ConnectionString);
        await client.DeclareBoundedAsync("x-svc-full", maxLength: 5);
        await client.DeclareAsync("x-svc-full_error");
        await client.PublishAsync("x-svc-full_error", 8);
        await using var app = await OpsApp.StartAsync(broker.ConnectionString, ["x-svc-full"], output);

        var response = await app.GetOpsClient().PostAsync("/ops/messaging/queues/x-svc-full/replay-errors", null);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("The broker did not take every message back.", problem.GetProperty("title").GetString());
        Assert.Equal(5, problem.GetProperty("moved").GetInt32());
        Assert.Equal(5u, await client.CountAsync("x-svc-full"));
        Assert.Equal(3u, await client.CountAsync("x-svc-full_error"));
    }

    [Fact]
    public async Task Replay_of_a_queue_without_an_error_queue_moves_nothing()
    {
        await using var client = await BrokerClient.ConnectAsync(broker.ConnectionString);
        await client.DeclareAsync("x-svc-healthy");
        await using var app = await OpsApp.StartAsync(broker.ConnectionString, ["x-svc-healthy"], output);

        Assert.Equal(0, await ReplayAsync(app.GetOpsClient(), "x-svc-healthy", ""));
    }

    [Theory]
    [InlineData("x-other-thing")]
    [InlineData("x-svc-guarded_error")]
    public async Task Replay_refuses_a_queue_that_is_not_one_of_this_services_consumer_queues(string queue)
    {
        await using var client = await BrokerClient.ConnectAsync(broker.ConnectionString);
        await client.DeclareAsync("x-other-thing", "x-other-thing_error", "x-svc-guarded", "x-svc-guarded_error", "x-svc-guarded_error_error");
        await client.PublishAsync("x-other-thing_error", 2);
        await client.PublishAsync("x-svc-guarded_error_error", 2);
        var (failedBefore, queuedBefore) = (await client.CountAsync(queue + "_error"), await client.CountAsync(queue));
        await using var app = await OpsApp.StartAsync(broker.ConnectionString, ["x-svc-guarded"], output);

        var response = await app.GetOpsClient().PostAsync($"/ops/messaging/queues/{queue}/replay-errors", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        Assert.NotEqual(0u, failedBefore);
        Assert.Equal(failedBefore, await client.CountAsync(queue + "_error"));
        Assert.Equal(queuedBefore, await client.CountAsync(queue));
    }

    [Fact]
    public async Task Replay_into_a_queue_the_broker_does_not_know_is_a_conflict_and_moves_nothing()
    {
        await using var client = await BrokerClient.ConnectAsync(broker.ConnectionString);
        await client.DeclareAsync("x-svc-orphan_error");
        await client.PublishAsync("x-svc-orphan_error", 3);
        await using var app = await OpsApp.StartAsync(broker.ConnectionString, ["x-svc-orphan"], output);

        var response = await app.GetOpsClient().PostAsync("/ops/messaging/queues/x-svc-orphan/replay-errors", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(3u, await client.CountAsync("x-svc-orphan_error"));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("many")]
    public async Task A_max_that_is_not_a_positive_number_is_a_bad_request(string max)
    {
        await using var app = await OpsApp.StartAsync(broker.ConnectionString, ["x-svc-thing"], output);

        var response = await app.GetOpsClient().PostAsync($"/ops/messaging/queues/x-svc-thing/replay-errors?max={max}", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("max", out _), problem.ToString());
    }

    [Fact]
    public async Task The_ops_endpoints_stay_out_of_the_api_document()
    {
        await using var app = await OpsApp.StartAsync(broker.ConnectionString, ["x-svc-thing"], output);

        var document = await app.GetOpsClient().GetStringAsync("/openapi/v1.json");

        Assert.Contains("\"paths\"", document);
        Assert.DoesNotContain("/ops/", document);
    }

    [Fact]
    public async Task A_process_without_messaging_maps_no_ops_endpoint()
    {
        await using var app = await OpsApp.StartAsync(broker.ConnectionString, ["x-svc-thing"], output, withOperations: false);

        var response = await app.GetOpsClient().GetAsync("/ops/messaging");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static async Task<int> ReplayAsync(HttpClient http, string queue, string query)
    {
        var response = await http.PostAsync($"/ops/messaging/queues/{queue}/replay-errors{query}", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("moved").GetInt32();
    }

    private static void AssertQueue(JsonElement queue, bool declared, long messages, long consumers, long errors, long skipped)
    {
        Assert.Equal(declared, queue.GetProperty("declared").GetBoolean());
        Assert.Equal(messages, queue.GetProperty("messages").GetInt64());
        Assert.Equal(consumers, queue.GetProperty("consumers").GetInt64());
        Assert.Equal(errors, queue.GetProperty("errorMessages").GetInt64());
        Assert.Equal(skipped, queue.GetProperty("skippedMessages").GetInt64());
    }

    /// <summary>A message as MassTransit leaves it in an error queue after the last retry.</summary>
    private static (BasicProperties Properties, byte[] Body) FailedMessage(int i)
    {
        var properties = new BasicProperties
        {
            MessageId = Guid.NewGuid().ToString(),
            ContentType = "application/vnd.masstransit+json",
            DeliveryMode = DeliveryModes.Persistent,
            Headers = new Dictionary<string, object?>
            {
                ["MT-Host-MachineName"] = "node-1",
                ["x-club"] = "CALL",
                ["MT-Redelivery-Count"] = 3,
            },
        };
        foreach (var header in FaultHeaders.Where(h => h != "MT-Redelivery-Count"))
        {
            properties.Headers[header] = $"{header} of message {i}";
        }
        var body = Encoding.UTF8.GetBytes($$$"""{"message":{"eventId":{{{i}}},"title":"Atelier recyclage des cartes électroniques n°{{{i}}}"}}""");
        return (properties, body);
    }
}
