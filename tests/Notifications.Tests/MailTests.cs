using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CircularPlatform.Contracts;
using CircularPlatform.Contracts.IntegrationEvents;
using CircularPlatform.Notifications.Infrastructure;
using CircularPlatform.Notifications.Infrastructure.Reminders;
using CircularPlatform.Notifications.Model;
using CircularPlatform.TestSupport;
using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using netDumbster.smtp;

namespace CircularPlatform.Notifications.Tests;

/// <summary>
/// Email, on either database: written to the pickup folder (or sent over SMTP) in the member's
/// language, once per member and cause, when the member's preferences let it leave, with a
/// one-click unsubscribe that works without signing in; failures retried, then given up visibly.
/// </summary>
public abstract class MailTests : IAsyncLifetime
{
    private const string PublicBase = "https://club.example.test";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly TemporaryFolder _pickup = new();
    private readonly ManualTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private FakeAuthority _authority = null!;
    private ServiceFactory<Program> _factory = null!;

    protected abstract Task<string?> CreateDatabaseAsync();

    public async Task InitializeAsync() => _authority = await FakeAuthority.StartAsync();

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
        await _authority.DisposeAsync();
        _pickup.Dispose();
    }

    private async Task StartAsync(Action<Dictionary<string, string?>>? configure = null)
    {
        _factory = new ServiceFactory<Program>("notificationsdb", await CreateDatabaseAsync())
        {
            TestServices = services => services.AddSingleton<TimeProvider>(_clock),
        };
        _factory.Settings["Identity:Authority"] = _authority.Url;
        _factory.Settings["Notifications:Mail:PickupFolder"] = _pickup.Path;
        _factory.Settings["Notifications:Mail:PublicBaseUrl"] = PublicBase;
        _factory.Settings["Notifications:Mail:PollInterval"] = "00:00:00.100";
        configure?.Invoke(_factory.Settings);
        _ = _factory.CreateClient();
        await _factory.Harness.Start();
    }

    [Fact]
    public async Task An_event_on_their_theme_is_emailed_once_in_each_members_language_and_one_click_unsubscribes_without_signing_in()
    {
        await StartAsync();
        var camille = await JoinAsync("fr", "bio-waste");
        var alex = await JoinAsync("en", "bio-waste");
        var optedOut = await JoinAsync("fr", "bio-waste");
        var elsewhere = await JoinAsync("fr", "water");
        await PutPreferencesAsync(optedOut, email: false);

        var scheduled = Scheduled("bio-waste");
        await _factory.Harness.Bus.Publish(scheduled);
        // The same fact again, as a replay from an error queue would bring it.
        await _factory.Harness.Bus.Publish(scheduled, c => c.MessageId = NewId.NextGuid());
        await Wait.UntilAsync(() => _factory.Harness.Consumed.Select<EventScheduled>().Count() >= 2, "both deliveries to be consumed", Deadline);
        await Wait.UntilAsync(() => Mailbox(camille.Email, "Nouvel événement").Count == 1 && Mailbox(alex.Email, "New event").Count == 1, "the two emails", Deadline);
        await WaitUntilNothingIsDueAsync();

        Assert.Single(Mailbox(camille.Email, "Nouvel événement"));
        Assert.Empty(Mailbox(optedOut.Email, "Nouvel événement"));
        Assert.Empty(Mailbox(elsewhere.Email, "Nouvel événement"));
        var french = Mailbox(camille.Email, "Nouvel événement")[0];
        Assert.Equal("Nouvel événement : Compostage collectif", french.Subject);
        Assert.Contains("« Compostage collectif » est au programme du club.", french.TextBody);
        Assert.Contains("(heure de Paris)", french.TextBody);
        Assert.Contains("Base 11/19, Loos-en-Gohelle", french.HtmlBody);
        Assert.Contains($"{PublicBase}/api/events/{scheduled.EventId}/calendar.ics?lang=fr", french.TextBody);
        var english = Mailbox(alex.Email, "New event")[0];
        Assert.Equal("New event: Compost together", english.Subject);
        Assert.Contains("“Compost together” is on the club's calendar.", english.TextBody);
        Assert.Equal("List-Unsubscribe=One-Click", french.Headers["List-Unsubscribe-Post"]);

        // The link in the header, followed by an anonymous client as a mail client does.
        var link = french.Headers["List-Unsubscribe"]!.Trim('<', '>');
        Assert.StartsWith($"{PublicBase}/api/notifications/unsubscribe?token=", link);
        var path = new Uri(link).PathAndQuery;
        using var anonymous = _factory.CreateClient();
        var shown = await anonymous.GetFromJsonAsync<JsonElement>(path);
        Assert.Equal("event-announcements", shown.GetProperty("scope").GetString());
        Assert.False(shown.GetProperty("unsubscribed").GetBoolean());
        Assert.True((await PreferencesAsync(camille.Id)).GetProperty("emailEventAnnouncements").GetBoolean());
        var page = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Get, path) { Headers = { Accept = { new MediaTypeWithQualityHeaderValue("text/html") } } });
        Assert.Contains("les annonces des nouveaux événements du club", await page.Content.ReadAsStringAsync());

        var done = await anonymous.PostAsync(path, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.True((await done.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("unsubscribed").GetBoolean());
        var after = await PreferencesAsync(camille.Id);
        Assert.False(after.GetProperty("emailEventAnnouncements").GetBoolean());
        // Only the email: the app still tells, and a later change of profile at Members does not bring it back.
        Assert.True(after.GetProperty("eventAnnouncements").GetBoolean());
        Assert.True((await PreferencesAsync(alex.Id)).GetProperty("emailEventAnnouncements").GetBoolean());
        await DeliverAsync(new MemberProfileChanged
        {
            MemberId = camille.Id, DisplayName = "Camille", Email = camille.Email, Language = "fr", Themes = ["bio-waste"], OccurredAt = _clock.GetUtcNow(),
        });

        // A token changed by one character, or none, unsubscribes nobody.
        var token = path[(path.IndexOf('=') + 1)..];
        var forged = token[..^2] + (token[^2] == 'A' ? 'B' : 'A') + token[^1];
        var refused = await anonymous.PostAsync($"/api/notifications/unsubscribe?token={forged}", new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("token", out _));
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync("/api/notifications/unsubscribe")).StatusCode);

        var next = Scheduled("bio-waste");
        await _factory.Harness.Bus.Publish(next);
        await Wait.UntilAsync(() => Mailbox(alex.Email, "New event").Count == 2, "the next announcement to Alex", Deadline);
        await WaitUntilNothingIsDueAsync();
        Assert.Single(Mailbox(camille.Email, "Nouvel événement"));
        Assert.Equal([camille.Id], (await ToldAsync($"event-announced:{next.EventId}")).Where(m => m == camille.Id));
    }

    [Fact]
    public async Task Digest_and_quiet_hours_hold_email_to_their_Paris_time_but_a_cancellation_leaves_at_once()
    {
        await StartAsync();
        var digest = await JoinAsync("fr", "water");
        var sleeper = await JoinAsync("en", "water");
        await PutPreferencesAsync(digest, dailyDigest: true);
        var paris = ParisTime.FromUtc(_clock.GetUtcNow().UtcDateTime);
        // Quiet from an hour ago to an hour from now, Paris time.
        await PutPreferencesAsync(sleeper, quietHours: new { from = paris.AddHours(-1).ToString("HH:mm"), until = paris.AddHours(1).ToString("HH:mm") });

        var first = Scheduled("water");
        var second = Scheduled("water");
        await _factory.Harness.Bus.Publish(first);
        await _factory.Harness.Bus.Publish(second);
        await DeliverAsync(new RegistrationConfirmed { RegistrationId = Guid.NewGuid(), EventId = first.EventId, MemberId = sleeper.Id, OccurredAt = _clock.GetUtcNow() });
        await Wait.UntilAsync(async () => (await MailsAsync()).Count(m => m.Kind == NotificationKind.EventAnnounced) == 4, "the four announcements stored", Deadline);

        var mails = await MailsAsync();
        var nextEight = NextParis(_clock.GetUtcNow().UtcDateTime, new TimeOnly(8, 0));
        Assert.All(mails.Where(m => m.MemberId == digest.Id && m.Kind == NotificationKind.EventAnnounced), m => Assert.Equal(nextEight, m.DueAt));
        var endOfQuiet = mails.Single(m => m.MemberId == sleeper.Id && m.EventId == first.EventId && m.Kind == NotificationKind.EventAnnounced).DueAt;
        Assert.Equal(paris.AddHours(1).ToString("HH:mm"), ParisTime.FromUtc(endOfQuiet).ToString("HH:mm"));

        // A cancellation of what the sleeper registered for does not wait for the morning.
        await DeliverAsync(new EventCancelled { EventId = first.EventId, Title = first.Title, Reason = "Crue de la Souchez" });
        await Wait.UntilAsync(() => Mailbox(sleeper.Email, "Event cancelled").Count == 1, "the cancellation", Deadline);
        Assert.Empty(Mailbox(sleeper.Email, "New event"));
        Assert.Empty(Mailbox(digest.Email, "Votre sélection"));

        _clock.Advance(endOfQuiet - _clock.GetUtcNow().UtcDateTime + TimeSpan.FromMinutes(1));
        await Wait.UntilAsync(() => Mailbox(sleeper.Email, "New event").Count == 1, "the held announcement at the end of the quiet hours", Deadline);
        await WaitUntilNothingIsDueAsync();
        // The announcement of the event called off meanwhile is not sent after all.
        Assert.DoesNotContain(Mailbox(sleeper.Email, "New event"), m => m.TextBody!.Contains(first.EventId.ToString(), StringComparison.Ordinal));
        Assert.NotNull((await MailsAsync()).Single(m => m.MemberId == sleeper.Id && m.EventId == first.EventId && m.Kind == NotificationKind.EventAnnounced).WithdrawnAt);

        _clock.Advance(nextEight - _clock.GetUtcNow().UtcDateTime + TimeSpan.FromMinutes(1));
        await Wait.UntilAsync(() => Mailbox(digest.Email, "Votre sélection").Count == 1, "the digest", Deadline);
        await WaitUntilNothingIsDueAsync();
        var gathered = Assert.Single(Mailbox(digest.Email, "Votre sélection"));
        // Both announcements were gathered; the cancelled event's was withdrawn, the other leaves.
        Assert.Equal("Votre sélection du jour (1)", gathered.Subject);
        Assert.Equal(1, CountOf(gathered.TextBody!, "« Compostage collectif » est au programme du club."));
        Assert.Contains(second.EventId.ToString(), gathered.TextBody!, StringComparison.Ordinal);
        Assert.Empty(Mailbox(digest.Email, "Nouvel événement"));
        Assert.Contains("/api/notifications/unsubscribe?token=", gathered.Headers["List-Unsubscribe"]);
    }

    [Fact]
    public async Task A_reminder_before_the_event_reaches_confirmed_registrants_once_with_the_practical_information()
    {
        await StartAsync();
        var seated = await JoinAsync("fr", "soil-decontamination");
        var waiting = await JoinAsync("fr", "soil-decontamination");
        var scheduled = Scheduled("soil-decontamination") with
        {
            StartsAt = _clock.GetUtcNow().AddHours(48), EndsAt = _clock.GetUtcNow().AddHours(51),
            PracticalInformation = new BilingualText { Fr = "Chaussures de sécurité obligatoires.", En = "Safety shoes required." },
        };
        await DeliverAsync(scheduled);
        await DeliverAsync(new RegistrationConfirmed { RegistrationId = Guid.NewGuid(), EventId = scheduled.EventId, MemberId = seated.Id, OccurredAt = _clock.GetUtcNow() });
        await DeliverAsync(new RegistrationWaitlisted { RegistrationId = Guid.NewGuid(), EventId = scheduled.EventId, MemberId = waiting.Id, Position = 1, OccurredAt = _clock.GetUtcNow() });
        var reminders = _factory.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<ReminderClock>().Single();
        Assert.False(await reminders.RemindDueAsync(CancellationToken.None));

        _clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        // The clock's own loop may get there first; either way, one reminder.
        await reminders.RemindDueAsync(CancellationToken.None);
        Assert.False(await reminders.RemindDueAsync(CancellationToken.None));
        await Wait.UntilAsync(() => Mailbox(seated.Email, "Rappel").Count == 1, "the reminder email", Deadline);

        Assert.Equal([seated.Id], await ToldAsync($"event-reminder:{scheduled.EventId}:0"));
        var reminder = Mailbox(seated.Email, "Rappel")[0];
        Assert.Contains("Informations pratiques : Chaussures de sécurité obligatoires.", reminder.TextBody);
        Assert.Empty(Mailbox(waiting.Email, "Rappel"));
    }

    [Fact]
    public async Task Account_mail_carries_its_link_once_without_an_unsubscribe_and_an_expired_one_is_not_sent()
    {
        await StartAsync();
        var request = new EmailVerificationRequested
        {
            RequestId = Guid.NewGuid(), MemberId = Guid.NewGuid(), Email = "dominique@ressourcerie.test", DisplayName = "Dominique", Language = "en",
            Link = $"{PublicBase}/api/members/accounts/verify-email?token=abc", ExpiresAt = _clock.GetUtcNow().AddHours(48),
        };
        await DeliverAsync(request);
        await DeliverAsync(request);
        await DeliverAsync(new PasswordResetRequested
        {
            RequestId = Guid.NewGuid(), MemberId = request.MemberId, Email = request.Email, DisplayName = "Dominique", Language = "fr",
            Link = $"{PublicBase}/api/members/auth/password-reset?token=late", ExpiresAt = _clock.GetUtcNow().AddMinutes(-1),
        });
        await Wait.UntilAsync(() => Mailbox(request.Email, "").Count == 1, "the verification email", Deadline);
        await WaitUntilNothingIsDueAsync();

        var mail = Assert.Single(Mailbox(request.Email, ""));
        Assert.StartsWith("Confirm your address", mail.Subject);
        Assert.Contains("Hello Dominique,", mail.TextBody);
        Assert.Contains(request.Link, mail.TextBody);
        Assert.Contains($"href=\"{request.Link}\"", mail.HtmlBody);
        Assert.Null(mail.Headers["List-Unsubscribe"]);
    }

    [Fact]
    public async Task Over_SMTP_the_email_reaches_the_server_with_its_two_parts_and_the_one_click_headers()
    {
        using var server = SimpleSmtpServer.Start(FreePort());
        await StartAsync(settings =>
        {
            settings["Notifications:Mail:Smtp:Host"] = "127.0.0.1";
            settings["Notifications:Mail:Smtp:Port"] = server.Configuration.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings["Notifications:Mail:Smtp:Security"] = "None";
        });
        var member = await JoinAsync("fr", "batteries");
        await _factory.Harness.Bus.Publish(Scheduled("batteries"));
        await Wait.UntilAsync(() => server.ReceivedEmail.Any(e => e.Subject.StartsWith("Nouvel événement", StringComparison.Ordinal)), "the email at the SMTP server", Deadline);

        var received = server.ReceivedEmail.First(e => e.Subject.StartsWith("Nouvel événement", StringComparison.Ordinal));
        Assert.Equal(member.Email, received.ToAddresses.Single().Address);
        Assert.Equal("List-Unsubscribe=One-Click", received.Headers["List-Unsubscribe-Post"]);
        Assert.Contains($"<{PublicBase}/api/notifications/unsubscribe?token=", received.Headers["List-Unsubscribe"]);
        Assert.Equal(2, received.MessageParts.Length);
        Assert.Empty(Directory.GetFiles(_pickup.Path));
    }

    [Fact]
    public async Task A_send_the_server_keeps_refusing_is_retried_then_given_up_with_NotificationFailed_and_shown_to_ops()
    {
        using var refusing = new RefusingSmtpServer();
        await StartAsync(settings =>
        {
            settings["Notifications:Mail:Smtp:Host"] = "127.0.0.1";
            settings["Notifications:Mail:Smtp:Port"] = refusing.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings["Notifications:Mail:Smtp:Security"] = "None";
            settings["Notifications:Mail:MaxAttempts"] = "3";
            settings["Notifications:Mail:FirstRetryDelay"] = "00:00:00.050";
        });
        var member = await JoinAsync("fr", "bio-waste");
        await Wait.UntilAsync(async () => (await MailsAsync()).Any(m => m.MemberId == member.Id), "the welcome email to be stored", Deadline);
        var welcome = (await MailsAsync()).Single(m => m.MemberId == member.Id);
        // Each retry is due a little later on the service's clock.
        await Wait.UntilAsync(async () =>
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            return (await MailsAsync()).Single(m => m.Id == welcome.Id).FailedAt is not null;
        }, "the email to be given up", Deadline);

        var failed = (await MailsAsync()).Single(m => m.Id == welcome.Id);
        Assert.Equal(3, failed.Attempts);
        Assert.Equal(3, refusing.Refused);
        Assert.Contains("451", failed.LastError, StringComparison.Ordinal);
        await Wait.UntilAsync(() => _factory.Harness.Published.Select<NotificationFailed>().Any(), "NotificationFailed to be published", Deadline);
        var fact = Assert.Single(_factory.Harness.Published.Select<NotificationFailed>()).Context.Message;
        Assert.Equal((welcome.Id, member.Id, "email"), (fact.NotificationId, fact.MemberId!.Value, fact.Channel));

        using var ops = _factory.CreateClient();
        ops.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _authority.Token("admin"));
        var status = await ops.GetFromJsonAsync<JsonElement>("/ops/mail");
        Assert.Equal(1, status.GetProperty("givenUp").GetInt32());
        Assert.Equal(welcome.Id, status.GetProperty("latestGivenUp")[0].GetProperty("id").GetGuid());
        using var asMember = As(member.Id);
        Assert.Equal(HttpStatusCode.Forbidden, (await asMember.GetAsync("/ops/mail")).StatusCode);

        // Ops fixed the cause: sent again, with its tries counted afresh.
        Assert.Equal(1, (await (await ops.PostAsync("/ops/mail/given-up/retry", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("retried").GetInt32());
        await Wait.UntilAsync(() => refusing.Refused > 3, "the email to be tried again", Deadline);
    }

    [Fact]
    public async Task While_the_mail_server_cannot_be_reached_email_waits_without_using_up_its_tries()
    {
        // A port that hangs up at once on every connection: no SMTP conversation ever starts.
        using var hangingUp = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        hangingUp.Start();
        var connections = 0;
        using var stop = new CancellationTokenSource();
        _ = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var client = await hangingUp.AcceptTcpClientAsync(stop.Token);
                Interlocked.Increment(ref connections);
            }
        });
        await StartAsync(settings =>
        {
            settings["Notifications:Mail:Smtp:Host"] = "127.0.0.1";
            settings["Notifications:Mail:Smtp:Port"] = ((IPEndPoint)hangingUp.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings["Notifications:Mail:Smtp:Security"] = "None";
            settings["Notifications:Mail:MaxAttempts"] = "2";
            settings["Notifications:Mail:FirstRetryDelay"] = "00:00:00.050";
            // The outage back-off (2 s, then 4 s) capped: the third try comes without six seconds of waiting.
            settings["Notifications:Mail:MaxRetryDelay"] = "00:00:00.200";
        });
        var member = await JoinAsync("fr", "bio-waste");

        // Tried, backed off, tried again: with two tries allowed, counting them would have given it up.
        await Wait.UntilAsync(() => Volatile.Read(ref connections) >= 3, "the postman to try the server three times", Deadline);
        var waiting = (await MailsAsync()).Single(m => m.MemberId == member.Id);
        Assert.True(waiting.Pending);
        Assert.Equal(0, waiting.Attempts);
        Assert.Empty(_factory.Harness.Published.Select<NotificationFailed>());
        using var ops = _factory.CreateClient();
        ops.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _authority.Token("admin"));
        Assert.Equal(1, (await ops.GetFromJsonAsync<JsonElement>("/ops/mail")).GetProperty("due").GetInt32());
        await stop.CancelAsync();
    }

    [Fact]
    public async Task Sending_an_email_is_a_span_linked_to_the_trace_of_the_fact_that_caused_it()
    {
        var sent = new System.Collections.Concurrent.ConcurrentBag<System.Diagnostics.Activity>();
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name is "CircularPlatform.Notifications" or "MassTransit" or "test",
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.OperationName == "send mail")
                {
                    sent.Add(activity);
                }
            },
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);
        using var source = new System.Diagnostics.ActivitySource("test");
        await StartAsync();
        var member = await JoinAsync("fr", "local-food");

        System.Diagnostics.ActivityTraceId trace;
        using (var request = source.StartActivity("POST /api/events"))
        {
            trace = request!.TraceId;
            await _factory.Harness.Bus.Publish(Scheduled("local-food"));
        }
        await Wait.UntilAsync(() => Mailbox(member.Email, "Nouvel événement").Count == 1, "the announcement", Deadline);
        await Wait.UntilAsync(() => sent.Any(a => a.Links.Any(l => l.Context.TraceId == trace)), "a send span linked to the request's trace", Deadline);
    }

    [Fact]
    public async Task Erasure_withdraws_what_was_still_to_leave_and_keeps_no_address()
    {
        await StartAsync();
        var member = await JoinAsync("fr", "water");
        await PutPreferencesAsync(member, dailyDigest: true);
        await DeliverAsync(Scheduled("water"));
        await Wait.UntilAsync(async () => (await MailsAsync()).Any(m => m.MemberId == member.Id && m.Kind == NotificationKind.EventAnnounced), "the digest mail", Deadline);

        await DeliverAsync(new MemberLeft { MemberId = member.Id, Reason = "erasure", Erased = true });
        var mails = (await MailsAsync()).Where(m => m.MemberId == member.Id).ToList();
        Assert.All(mails, m => Assert.Null(m.To));
        var announced = mails.Single(m => m.Kind == NotificationKind.EventAnnounced);
        Assert.NotNull(announced.WithdrawnAt);
        Assert.Null(announced.SentAt);
    }

    private sealed record Member(Guid Id, string Email);

    private async Task<Member> JoinAsync(string language, string theme)
    {
        var id = Guid.NewGuid();
        var email = $"{id:N}@club.test";
        await DeliverAsync(new MemberJoined
        {
            MemberId = id, DisplayName = "Camille", Email = email, Language = language, Role = "member", Themes = [theme], OccurredAt = _clock.GetUtcNow().AddMinutes(-1),
        });
        return new Member(id, email);
    }

    private async Task DeliverAsync<T>(T fact) where T : class
    {
        var id = NewId.NextGuid();
        await _factory.Harness.Bus.Publish(fact, c => c.MessageId = id);
        await Wait.UntilAsync(() => _factory.Harness.Consumed.Select<T>(m => m.Context.MessageId == id).Any(), $"{typeof(T).Name} to be consumed", Deadline);
    }

    private async Task PutPreferencesAsync(Member member, bool email = true, bool dailyDigest = false, object? quietHours = null)
    {
        using var client = As(member.Id);
        var answer = await client.PutAsJsonAsync("/api/notifications/me/preferences", new
        {
            inApp = true, email, eventAnnouncements = true, registrationUpdates = true, articles = true, allEvents = false, dailyDigest,
            mutedThemes = Array.Empty<string>(), quietHours,
        });
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
    }

    private async Task<JsonElement> PreferencesAsync(Guid member)
    {
        using var client = As(member);
        return await client.GetFromJsonAsync<JsonElement>("/api/notifications/me/preferences");
    }

    private HttpClient As(Guid member)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _authority.Token("member", subject: member));
        return client;
    }

    /// <summary>The emails in the pickup folder to <paramref name="to"/> whose subject starts so.</summary>
    private List<MimeMessage> Mailbox(string to, string subject) =>
        [.. Directory.GetFiles(_pickup.Path, "*.eml")
            .Select(file => MimeMessage.Load(file))
            .Where(m => m.To.Mailboxes.Any(b => b.Address == to) && (m.Subject ?? "").StartsWith(subject, StringComparison.Ordinal))];

    private async Task<List<Mail>> MailsAsync()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<NotificationsContext>().Mails.AsNoTracking().ToListAsync();
    }

    private async Task<List<Guid>> ToldAsync(string cause)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsContext>();
        return await db.Notifications.Where(n => n.Cause == cause).Select(n => n.MemberId).ToListAsync();
    }

    /// <summary>Nothing due is left unsent: what was going to be written has been.</summary>
    private Task WaitUntilNothingIsDueAsync() => Wait.UntilAsync(async () =>
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        return (await MailsAsync()).All(m => !m.Pending || m.DueAt > now);
    }, "every due email to leave", Deadline);

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    private static DateTime NextParis(DateTime utc, TimeOnly time)
    {
        var local = ParisTime.FromUtc(utc);
        var candidate = TimeZoneInfo.ConvertTimeToUtc(local.Date + time.ToTimeSpan(), ParisTime.Zone);
        return candidate >= utc ? candidate : TimeZoneInfo.ConvertTimeToUtc(local.Date.AddDays(1) + time.ToTimeSpan(), ParisTime.Zone);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static EventScheduled Scheduled(string theme) => new()
    {
        EventId = Guid.NewGuid(),
        Title = new BilingualText { Fr = "Compostage collectif", En = "Compost together" },
        Kind = EventKinds.SiteVisit,
        Themes = [theme],
        StartsAt = new DateTimeOffset(2030, 12, 3, 8, 0, 0, TimeSpan.Zero),
        EndsAt = new DateTimeOffset(2030, 12, 3, 11, 0, 0, TimeSpan.Zero),
        Venue = "Base 11/19, Loos-en-Gohelle",
    };
}

public sealed class MailOnSqliteTests : MailTests
{
    protected override Task<string?> CreateDatabaseAsync() => Task.FromResult<string?>(null);
}

public sealed class MailOnPostgresTests(PostgresFixture postgres) : MailTests, IClassFixture<PostgresFixture>
{
    protected override async Task<string?> CreateDatabaseAsync() => await postgres.CreateDatabaseAsync();
}
