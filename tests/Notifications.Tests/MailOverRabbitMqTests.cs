using System.Net;
using CircularPlatform.Contracts;
using CircularPlatform.Contracts.IntegrationEvents;
using CircularPlatform.TestSupport;
using MassTransit;
using netDumbster.smtp;

namespace CircularPlatform.Notifications.Tests;

/// <summary>
/// The service as it runs: facts over a real RabbitMQ node (the inbox and the broker's retries in
/// play), email over SMTP to a small server the test starts.
/// </summary>
public sealed class MailOverRabbitMqTests(RabbitMqFixture rabbit) : IClassFixture<RabbitMqFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private SimpleSmtpServer _smtp = null!;
    private ServiceFactory<Program> _service = null!;
    private IBusControl _events = null!;

    public async Task InitializeAsync()
    {
        _smtp = SimpleSmtpServer.Start(FreePort());
        _service = new ServiceFactory<Program>("notificationsdb") { Broker = rabbit.ConnectionString };
        _service.Settings["Notifications:Mail:Smtp:Host"] = "127.0.0.1";
        _service.Settings["Notifications:Mail:Smtp:Port"] = _smtp.Configuration.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _service.Settings["Notifications:Mail:Smtp:Security"] = "None";
        _service.Settings["Notifications:Mail:PublicBaseUrl"] = "https://club.example.test";
        using var client = _service.CreateClient();
        // Healthy once its bus is connected and its queues are bound: facts published now reach them.
        await Wait.UntilAsync(async () => (await client.GetAsync("/health")).StatusCode == HttpStatusCode.OK, "the service to be healthy", Deadline);
        // Another process on the same broker, publishing as Members and Events do.
        _events = Bus.Factory.CreateUsingRabbitMq(bus => bus.Host(new Uri(rabbit.ConnectionString)));
        await _events.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _events.StopAsync();
        await _service.DisposeAsync();
        _smtp.Dispose();
    }

    [Fact]
    public async Task A_member_on_the_theme_gets_one_email_at_the_SMTP_server_however_often_the_broker_delivers_the_facts()
    {
        var member = Guid.NewGuid();
        var email = $"{member:N}@recyclerie.test";
        var joined = new MemberJoined
        {
            MemberId = member, DisplayName = "Camille", Email = email, Language = "fr", Role = "member", Themes = ["electronic-boards"],
        };
        var joinedId = NewId.NextGuid();
        await _events.Publish(joined, c => c.MessageId = joinedId);
        await Wait.UntilAsync(() => Received(email, "Bienvenue").Count == 1, "the welcome email", Deadline);

        var scheduled = new EventScheduled
        {
            EventId = Guid.NewGuid(), Title = new BilingualText { Fr = "Recycler les cartes électroniques" }, Kind = EventKinds.Conference,
            Themes = ["electronic-boards"], StartsAt = new DateTimeOffset(2030, 3, 4, 13, 0, 0, TimeSpan.Zero), EndsAt = new DateTimeOffset(2030, 3, 4, 16, 0, 0, TimeSpan.Zero),
        };
        var scheduledId = NewId.NextGuid();
        // Delivered twice under one message id, as a broker redelivers after a lost acknowledgement,
        // and the member's fact again too.
        await _events.Publish(scheduled, c => c.MessageId = scheduledId);
        await _events.Publish(scheduled, c => c.MessageId = scheduledId);
        await _events.Publish(joined, c => c.MessageId = joinedId);
        await Wait.UntilAsync(() => Received(email, "Nouvel événement").Count >= 1, "the announcement at the SMTP server", Deadline);

        // A second email would follow within the postman's next look; give it several.
        var settled = DateTime.UtcNow + TimeSpan.FromSeconds(3);
        await Wait.UntilAsync(() => DateTime.UtcNow > settled || Received(email, "Nouvel événement").Count > 1, "a possible second email", Deadline);
        var announcement = Assert.Single(Received(email, "Nouvel événement"));
        Assert.Equal("Nouvel événement : Recycler les cartes électroniques", announcement.Subject);
        Assert.Single(Received(email, "Bienvenue"));
        Assert.Equal("List-Unsubscribe=One-Click", announcement.Headers["List-Unsubscribe-Post"]);
    }

    private List<netDumbster.smtp.SmtpMessage> Received(string to, string subject) =>
        [.. _smtp.ReceivedEmail.Where(m => m.ToAddresses.Any(a => a.Address == to) && (m.Subject ?? "").StartsWith(subject, StringComparison.Ordinal))];

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
