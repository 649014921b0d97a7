using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace CircularPlatform.EndToEnd.Tests;

/// <summary>
/// Every write of every service, through the gateway, by anonymous visitors, a member, another
/// member, an organiser and an admin: who may do what is decided in each service, and this table
/// is what the club agreed. A write endpoint without a row here fails the test, so nobody adds one
/// without deciding who may call it.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class AuthorisationMatrixTests(PlatformFixture fixture)
{
    private const HttpStatusCode Unauthorized = HttpStatusCode.Unauthorized;
    private const HttpStatusCode Forbidden = HttpStatusCode.Forbidden;
    private const HttpStatusCode Ok = HttpStatusCode.OK;
    private const HttpStatusCode Created = HttpStatusCode.Created;
    private const HttpStatusCode NoContent = HttpStatusCode.NoContent;
    private const HttpStatusCode Accepted = HttpStatusCode.Accepted;
    private const HttpStatusCode BadRequest = HttpStatusCode.BadRequest;

    private static readonly string[] Services = ["members", "events", "knowledge", "notifications"];
    private static readonly HashSet<string> WriteMethods = ["post", "put", "patch", "delete"];

    private const string RoundTable = """
        {"title":{"fr":"Visite du site de méthanisation","en":"Anaerobic digestion site visit"},
         "kind":"site-visit","themes":["bio-waste"],"startsAt":"2030-03-03T09:00:00+01:00",
         "endsAt":"2030-03-03T12:00:00+01:00","municipality":"Loos-en-Gohelle","capacity":25}
        """;

    private const string Article = """
        {"kind":"feedback","themes":["bio-waste"],"title":{"fr":"Composter les biodéchets d'une cantine"},
         "body":{"fr":"Nous avons commencé en mars."}}
        """;

    /// <summary>Expected answers, in the order anonymous, member, other member, organiser, admin.</summary>
    private sealed record Row(
        string Method,
        string Path,
        Func<Context, Caller, Task<HttpRequestMessage>> Request,
        HttpStatusCode[] Expected,
        bool FreshCaller = false)
    {
        public string Key => $"{Method.ToUpperInvariant()} {Path}";
    }

    /// <summary>The people and records the rows act on; the member registered the organisation.</summary>
    private sealed record Context(ClubSession Club, Caller Admin, Caller Member, Caller OtherMember, Caller Organiser, Guid MembersOrganisation);

    private static IReadOnlyList<Row> Matrix() =>
    [
        new("post", "/api/members/accounts", (c, _) => Task.FromResult(Post("/api/members/accounts", new
        {
            email = $"inscription-{Guid.NewGuid():N}@entreprise.test", password = ClubSession.Password, displayName = "Alix", consents = new { terms = true },
        })), [Created, Created, Created, Created, Created]),

        // Signing in is for anyone with credentials; anonymous callers use the member's.
        new("post", "/api/members/auth/token", (c, caller) => Task.FromResult(Post("/api/members/auth/token", new
        {
            email = (caller.Email ?? c.Member.Email)!, password = caller.Password ?? ClubSession.Password,
        })), [Ok, Ok, Ok, Ok, Ok]),
        new("post", "/api/members/auth/refresh", async (c, caller) => Post("/api/members/auth/refresh", new
        {
            refreshToken = (await c.Club.SignInAsync((caller.Email ?? c.Member.Email)!, caller.Password ?? ClubSession.Password)).RefreshToken,
        }), [Ok, Ok, Ok, Ok, Ok]),
        new("post", "/api/members/auth/revoke", async (c, caller) => Post("/api/members/auth/revoke", new
        {
            refreshToken = (await c.Club.SignInAsync((caller.Email ?? c.Member.Email)!, caller.Password ?? ClubSession.Password)).RefreshToken,
        }), [NoContent, NoContent, NoContent, NoContent, NoContent]),

        // Mailed links carry their own proof, whoever follows them: a token the club never sent is
        // refused alike. A reset is asked for anyone's address, and answered alike.
        new("post", "/api/members/accounts/verify-email", (c, _) => Task.FromResult(Post("/api/members/accounts/verify-email", new
        {
            token = "jamais-envoye",
        })), [BadRequest, BadRequest, BadRequest, BadRequest, BadRequest]),
        // A new confirmation link for one's own address: the first administrator's is confirmed already.
        new("post", "/api/members/me/email-verification", (c, _) => Task.FromResult(new HttpRequestMessage(HttpMethod.Post, "/api/members/me/email-verification")),
            [Unauthorized, Accepted, Accepted, Accepted, HttpStatusCode.Conflict]),
        new("post", "/api/members/auth/password-reset", (c, caller) => Task.FromResult(Post("/api/members/auth/password-reset", new
        {
            email = (caller.Email ?? c.Member.Email)!,
        })), [Accepted, Accepted, Accepted, Accepted, Accepted]),
        new("post", "/api/members/auth/password-reset/confirm", (c, _) => Task.FromResult(Post("/api/members/auth/password-reset/confirm", new
        {
            token = "jamais-envoye", newPassword = ClubSession.Password,
        })), [BadRequest, BadRequest, BadRequest, BadRequest, BadRequest]),

        // A member's own data: each signed-in person changes only their own.
        new("put", "/api/members/me", async (c, caller) =>
        {
            // Read, change, write back, as a client does: the rest of the profile stays as it was.
            var me = await ReadAsync(c.Club, caller, "/api/members/me");
            return Put("/api/members/me", new
            {
                email = caller.Email ?? "personne@entreprise.test",
                displayName = "Alix Martin",
                language = "en",
                organisationId = me?.TryGetProperty("organisationId", out var organisation) == true ? organisation.GetGuid() : (Guid?)null,
                version = me?.GetProperty("version").GetInt32() ?? 1,
            });
        }, [Unauthorized, Ok, Ok, Ok, Ok]),
        new("post", "/api/members/me/password", (c, caller) => Task.FromResult(Post("/api/members/me/password", new
        {
            currentPassword = caller.Password ?? ClubSession.Password, newPassword = caller.Password ?? ClubSession.Password,
        })), [Unauthorized, NoContent, NoContent, NoContent, NoContent]),
        new("delete", "/api/members/me", (c, _) => Task.FromResult(new HttpRequestMessage(HttpMethod.Delete, "/api/members/me")),
            [Unauthorized, NoContent, NoContent, NoContent, NoContent], FreshCaller: true),

        // Membership is the organisers'; roles are the admins'.
        new("post", "/api/members/{id}/approve", async (c, _) =>
            Post($"/api/members/{await c.Club.SignUpAsync($"attente-{Guid.NewGuid():N}@entreprise.test")}/approve", new { }),
            [Unauthorized, Forbidden, Forbidden, Ok, Ok]),
        new("post", "/api/members/{id}/suspend", async (c, _) =>
            Post($"/api/members/{(await c.Club.NewAsync(CallerKind.Member, c.Admin)).Id}/suspend", new { reason = "démarchage commercial" }),
            [Unauthorized, Forbidden, Forbidden, Ok, Ok]),
        new("put", "/api/members/{id}/role", async (c, _) =>
            Put($"/api/members/{(await c.Club.NewAsync(CallerKind.Member, c.Admin)).Id}/role", new { role = "organiser" }),
            [Unauthorized, Forbidden, Forbidden, Forbidden, Ok]),

        // The directory: anyone signed in registers an organisation; its registrant and organisers change it.
        new("post", "/api/members/organisations", (c, _) => Task.FromResult(Post("/api/members/organisations", new
        {
            name = "Association Terril Vert " + Guid.NewGuid().ToString("N")[..6], kind = "association", municipality = "Loos-en-Gohelle",
        })), [Unauthorized, Created, Created, Created, Created]),
        new("put", "/api/members/organisations/{id}", async (c, caller) => Put($"/api/members/organisations/{c.MembersOrganisation}", new
        {
            name = "Recyclerie de la Gohelle", kind = "association", municipality = "Liévin",
            version = (await ReadAsync(c.Club, c.Admin, $"/api/members/organisations/{c.MembersOrganisation}"))!.Value.GetProperty("version").GetInt32(),
        }), [Unauthorized, Ok, Forbidden, Ok, Ok]),
        new("post", "/api/members/organisations/{id}/approve", async (c, _) =>
            Post($"/api/members/organisations/{await RegisterOrganisationAsync(c.Club, c.Admin)}/approve", new { }),
            [Unauthorized, Forbidden, Forbidden, Ok, Ok]),
        new("post", "/api/members/organisations/{id}/archive", async (c, _) =>
            Post($"/api/members/organisations/{await RegisterOrganisationAsync(c.Club, c.Admin)}/archive", new { }),
            [Unauthorized, Forbidden, Forbidden, Ok, Ok]),

        // The calendar is the organisers'.
        new("post", "/api/events", (c, _) => Task.FromResult(new HttpRequestMessage(HttpMethod.Post, "/api/events")
        {
            Content = new StringContent(RoundTable, Encoding.UTF8, "application/json"),
        }), [Unauthorized, Forbidden, Forbidden, Created, Created]),
        new("put", "/api/events/{id}", async (c, _) =>
        {
            var (id, etag) = await NewEventAsync(c, RoundTable);
            var change = new HttpRequestMessage(HttpMethod.Put, $"/api/events/{id}")
            {
                Content = new StringContent(RoundTable.Replace("\"capacity\":25", "\"capacity\":30"), Encoding.UTF8, "application/json"),
            };
            change.Headers.IfMatch.Add(etag);
            return change;
        }, [Unauthorized, Forbidden, Forbidden, Ok, Ok]),
        new("post", "/api/events/{id}/schedule", async (c, _) =>
            Post($"/api/events/{(await NewEventAsync(c, RoundTable.Replace("\"capacity\":25", "\"capacity\":25,\"draft\":true"))).Id}/schedule", new { }),
            [Unauthorized, Forbidden, Forbidden, Ok, Ok]),
        new("post", "/api/events/{id}/cancel", async (c, _) =>
            Post($"/api/events/{(await NewEventAsync(c, RoundTable)).Id}/cancel", new { reason = "Site fermé ce jour-là" }),
            [Unauthorized, Forbidden, Forbidden, Ok, Ok]),
        new("post", "/api/events/{id}/complete", async (c, _) =>
        {
            // Under way: begun an hour ago, so it may be completed.
            var now = DateTimeOffset.UtcNow;
            var underWay = RoundTable.Replace("2030-03-03T09:00:00+01:00", now.AddHours(-1).ToString("O")).Replace("2030-03-03T12:00:00+01:00", now.AddHours(1).ToString("O"));
            return Post($"/api/events/{(await NewEventAsync(c, underWay)).Id}/complete", new { });
        }, [Unauthorized, Forbidden, Forbidden, Ok, Ok]),

        // Taking part is for every approved member; the door is the organisers'.
        new("post", "/api/events/{id}/registrations", async (c, _) =>
            Post($"/api/events/{(await NewEventAsync(c, RoundTable)).Id}/registrations", new { }),
            [Unauthorized, Created, Created, Created, Created]),
        new("delete", "/api/events/{id}/registrations/me", async (c, caller) =>
        {
            var (id, _) = await NewEventAsync(c, RoundTable);
            if (caller.AccessToken is not null)
            {
                await RegisterAsync(c.Club, caller, id);
            }
            return new HttpRequestMessage(HttpMethod.Delete, $"/api/events/{id}/registrations/me");
        }, [Unauthorized, NoContent, NoContent, NoContent, NoContent]),
        new("post", "/api/events/{id}/check-ins", async (c, _) =>
        {
            var (id, _) = await NewEventAsync(c, RoundTable);
            var registration = await RegisterAsync(c.Club, c.Member, id);
            return Post($"/api/events/{id}/check-ins", new { code = registration.GetProperty("checkInCode").GetString() });
        }, [Unauthorized, Forbidden, Forbidden, Ok, Ok]),

        // Knowledge: any member writes; only its author edits and submits a draft (which no one else
        // sees: 404), only organisers review and archive.
        new("post", "/api/knowledge/articles", (c, _) => Task.FromResult(new HttpRequestMessage(HttpMethod.Post, "/api/knowledge/articles")
        {
            Content = new StringContent(Article, Encoding.UTF8, "application/json"),
        }), [Unauthorized, Created, Created, Created, Created]),
        new("put", "/api/knowledge/articles/{id}", async (c, _) =>
        {
            var (id, etag) = await NewArticleAsync(c, ArticleStep.Draft);
            var change = new HttpRequestMessage(HttpMethod.Put, $"/api/knowledge/articles/{id}")
            {
                Content = new StringContent(Article.Replace("en mars", "en avril"), Encoding.UTF8, "application/json"),
            };
            change.Headers.IfMatch.Add(etag);
            return change;
        }, [Unauthorized, Ok, HttpStatusCode.NotFound, Forbidden, Forbidden]),
        new("post", "/api/knowledge/articles/{id}/submit", async (c, _) =>
            Post($"/api/knowledge/articles/{(await NewArticleAsync(c, ArticleStep.Draft)).Id}/submit", new { }),
            [Unauthorized, Ok, HttpStatusCode.NotFound, Forbidden, Forbidden]),
        new("post", "/api/knowledge/articles/{id}/approve", async (c, _) =>
            Post($"/api/knowledge/articles/{(await NewArticleAsync(c, ArticleStep.Submitted)).Id}/approve", new { }),
            [Unauthorized, Forbidden, Forbidden, Ok, Ok]),
        new("post", "/api/knowledge/articles/{id}/reject", async (c, _) =>
            Post($"/api/knowledge/articles/{(await NewArticleAsync(c, ArticleStep.Submitted)).Id}/reject", new { comment = "Ajoutez les tonnages." }),
            [Unauthorized, Forbidden, Forbidden, Ok, Ok]),
        new("post", "/api/knowledge/articles/{id}/archive", async (c, _) =>
            Post($"/api/knowledge/articles/{(await NewArticleAsync(c, ArticleStep.Published)).Id}/archive", new { }),
            [Unauthorized, Forbidden, Forbidden, Ok, Ok]),

        // An article's files are changed by those who may edit it: its author's draft here.
        new("post", "/api/knowledge/articles/{id}/attachments", async (c, _) =>
            new HttpRequestMessage(HttpMethod.Post, $"/api/knowledge/articles/{(await NewArticleAsync(c, ArticleStep.Draft)).Id}/attachments")
            {
                Content = Report(),
            }, [Unauthorized, Created, HttpStatusCode.NotFound, Forbidden, Forbidden]),
        new("delete", "/api/knowledge/articles/{id}/attachments/{attachmentId}", async (c, _) =>
        {
            var (id, _) = await NewArticleAsync(c, ArticleStep.Draft);
            using var author = c.Club.Client(c.Member.AccessToken);
            var added = await author.PostAsync($"/api/knowledge/articles/{id}/attachments", Report());
            await ClubSession.EnsureAsync(added, Created, "adding a file to an article");
            return new HttpRequestMessage(HttpMethod.Delete, (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString());
        }, [Unauthorized, NoContent, HttpStatusCode.NotFound, Forbidden, Forbidden]),

        // A member's feed is their own: anyone signed in marks theirs read; another's is not found.
        new("post", "/api/notifications/{id}/read", (c, _) => Task.FromResult(Post($"/api/notifications/{Guid.NewGuid()}/read", new { })),
            [Unauthorized, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound]),
        new("post", "/api/notifications/me/read-all", (c, _) => Task.FromResult(Post("/api/notifications/me/read-all", new { })),
            [Unauthorized, NoContent, NoContent, NoContent, NoContent]),
        // Preferences are each member's own: the path names no one else's.
        new("put", "/api/notifications/me/preferences", (c, _) => Task.FromResult(Put("/api/notifications/me/preferences", new
        {
            inApp = true, email = true, eventAnnouncements = true, registrationUpdates = true, articles = true, allEvents = false,
            dailyDigest = false, mutedThemes = Array.Empty<string>(),
        })), [Unauthorized, Ok, Ok, Ok, Ok]),
        // One-click unsubscribe needs no sign-in: the signed token in the link decides, whoever sends it.
        new("post", "/api/notifications/unsubscribe", (c, _) => Task.FromResult(new HttpRequestMessage(HttpMethod.Post, "/api/notifications/unsubscribe?token=not-one-of-ours")
        {
            Content = new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]),
        }), [HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest]),
    ];

    private static async Task<JsonElement> RegisterAsync(ClubSession club, Caller caller, Guid eventId)
    {
        using var client = club.Client(caller.AccessToken);
        var response = await client.PostAsync($"/api/events/{eventId}/registrations", null);
        await ClubSession.EnsureAsync(response, HttpStatusCode.Created, "registering for an event");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>A one-page PDF in the form an article's file is sent.</summary>
    private static MultipartFormDataContent Report() => new()
    {
        { new ByteArrayContent(Encoding.ASCII.GetBytes("%PDF-1.7\n%%EOF\n")), "file", "rapport.pdf" },
    };

    private enum ArticleStep
    {
        Draft,
        Submitted,
        Published,
    }

    /// <summary>A new article of the member's, taken as far as <paramref name="step"/> (the admin approves); with its ETag.</summary>
    private static async Task<(Guid Id, System.Net.Http.Headers.EntityTagHeaderValue ETag)> NewArticleAsync(Context c, ArticleStep step)
    {
        using var author = c.Club.Client(c.Member.AccessToken);
        var response = await author.PostAsync("/api/knowledge/articles", new StringContent(Article, Encoding.UTF8, "application/json"));
        await ClubSession.EnsureAsync(response, HttpStatusCode.Created, "writing an article");
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        if (step >= ArticleStep.Submitted)
        {
            response = await author.PostAsync($"/api/knowledge/articles/{id}/submit", null);
            await ClubSession.EnsureAsync(response, HttpStatusCode.OK, "submitting an article");
        }
        if (step >= ArticleStep.Published)
        {
            using var reviewer = c.Club.Client(c.Admin.AccessToken);
            response = await reviewer.PostAsync($"/api/knowledge/articles/{id}/approve", null);
            await ClubSession.EnsureAsync(response, HttpStatusCode.OK, "approving an article");
        }
        return (id, response.Headers.ETag!);
    }

    /// <summary>A new event of the admin's, for a row that changes one; with its ETag.</summary>
    private static async Task<(Guid Id, System.Net.Http.Headers.EntityTagHeaderValue ETag)> NewEventAsync(Context c, string body)
    {
        using var client = c.Club.Client(c.Admin.AccessToken);
        var response = await client.PostAsync("/api/events", new StringContent(body, Encoding.UTF8, "application/json"));
        await ClubSession.EnsureAsync(response, HttpStatusCode.Created, "creating an event");
        return ((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), response.Headers.ETag!);
    }

    [Fact]
    public async Task Every_write_endpoint_of_every_service_has_a_row_and_answers_each_caller_as_agreed()
    {
        var platform = fixture.Platform;
        var matrix = Matrix();

        var described = new SortedSet<string>(StringComparer.Ordinal);
        using (var direct = new HttpClient { Timeout = TimeSpan.FromSeconds(30) })
        {
            foreach (var service in Services)
            {
                var document = await direct.GetFromJsonAsync<JsonElement>(new Uri(platform.ServiceUrl(service), "/openapi/v1.json"));
                foreach (var path in document.GetProperty("paths").EnumerateObject())
                {
                    foreach (var operation in path.Value.EnumerateObject().Where(o => WriteMethods.Contains(o.Name)))
                    {
                        described.Add($"{operation.Name.ToUpperInvariant()} {path.Name.TrimEnd('/')}");
                    }
                }
            }
        }
        var rows = matrix.Select(r => r.Key).ToHashSet();
        var missing = described.Where(d => !rows.Contains(d)).ToList();
        var gone = rows.Where(r => !described.Contains(r)).ToList();
        Assert.True(missing.Count == 0, "Write endpoints without a row in the authorisation matrix: " + string.Join(", ", missing));
        Assert.True(gone.Count == 0, "Rows for endpoints no service describes: " + string.Join(", ", gone));

        var club = new ClubSession(platform);
        var admin = await club.AdminAsync();
        var member = await club.NewAsync(CallerKind.Member, admin);
        var organisation = await RegisterOrganisationAsync(club, member);
        var context = new Context(
            club,
            admin,
            member,
            await club.NewAsync(CallerKind.OtherMember, admin),
            await club.NewAsync(CallerKind.Organiser, admin),
            organisation);

        var failures = new List<string>();
        foreach (var row in matrix)
        {
            var callers = new[] { Caller.Anonymous, context.Member, context.OtherMember, context.Organiser, context.Admin };
            for (var i = 0; i < callers.Length; i++)
            {
                var caller = row.FreshCaller && callers[i].Kind != CallerKind.Anonymous
                    ? await club.NewAsync(callers[i].Kind, admin)
                    : callers[i];
                using var request = await row.Request(context, caller);
                using var client = club.Client(caller.AccessToken);
                using var response = await client.SendAsync(request);
                if (response.StatusCode != row.Expected[i])
                {
                    failures.Add($"{row.Key} as {caller.Kind}: expected {(int)row.Expected[i]}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
                else if ((int)response.StatusCode >= 400)
                {
                    Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));

        // Operations endpoints are never reachable from outside.
        using var ops = await club.Client(admin.AccessToken).PostAsync("/ops/messaging/queues/members-x/replay-errors", null);
        Assert.Equal(HttpStatusCode.NotFound, ops.StatusCode);
    }

    private static async Task<Guid> RegisterOrganisationAsync(ClubSession club, Caller registrant)
    {
        using var client = club.Client(registrant.AccessToken);
        var response = await client.PostAsJsonAsync("/api/members/organisations", new
        {
            name = "Recyclerie de la Gohelle", kind = "association", municipality = "Liévin",
        });
        await ClubSession.EnsureAsync(response, HttpStatusCode.Created, "registering an organisation");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>What the caller reads at <paramref name="path"/>; nothing for an anonymous caller.</summary>
    private static async Task<JsonElement?> ReadAsync(ClubSession club, Caller caller, string path)
    {
        if (caller.AccessToken is null)
        {
            return null;
        }
        using var client = club.Client(caller.AccessToken);
        return await client.GetFromJsonAsync<JsonElement>(path);
    }

    private static HttpRequestMessage Post(string path, object body) => new(HttpMethod.Post, path) { Content = JsonContent.Create(body) };

    private static HttpRequestMessage Put(string path, object body) => new(HttpMethod.Put, path) { Content = JsonContent.Create(body) };
}
