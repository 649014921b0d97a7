using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CircularPlatform.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace CircularPlatform.Members.Tests;

/// <summary>
/// The Members service in-process as the token authority, with its first administrator, and the
/// moves of the club's people: signing up, signing in, being approved or given a role.
/// </summary>
public sealed class Club : IAsyncDisposable
{
    public const string Authority = "http://members.club.test";
    public const string AdminEmail = "admin@club-economie-circulaire.test";
    public static readonly string AdminPassword = "Terril-" + Guid.NewGuid().ToString("N");
    public const string Password = "les terrils de Loos-en-Gohelle";

    private int _people;

    public Club(string? connectionString = null, ManualTimeProvider? clock = null, Action<Dictionary<string, string?>>? settings = null,
        string environment = "Testing")
    {
        Clock = clock;
        Factory = new ServiceFactory<Program>("membersdb", connectionString)
        {
            Environment = environment,
            TestServices = services =>
            {
                // Hashing at the production cost (100,000 rounds) took most of this suite's time; the
                // rounds are stored in each hash, so what is tested (verify, rehash, lockout) is the same.
                services.Configure<Microsoft.AspNetCore.Identity.PasswordHasherOptions>(options => options.IterationCount = 1_000);
                if (clock is not null)
                {
                    services.AddSingleton<TimeProvider>(clock);
                }
            },
        };
        Factory.Settings["Identity:Authority"] = Authority;
        Factory.Settings["Identity:FirstAdmin:Email"] = AdminEmail;
        Factory.Settings["Identity:FirstAdmin:Password"] = AdminPassword;
        settings?.Invoke(Factory.Settings);
        Anonymous = Factory.CreateClient();
    }

    public ServiceFactory<Program> Factory { get; }
    public ManualTimeProvider? Clock { get; }
    public HttpClient Anonymous { get; }

    public async Task StartAsync() => await Factory.Harness.Start();

    public HttpClient As(string accessToken)
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    public async Task<HttpClient> AsAdminAsync() => As((await SignInAsync(AdminEmail, AdminPassword)).AccessToken);

    public async Task<Tokens> SignInAsync(string email, string password)
    {
        var response = await Anonymous.PostAsJsonAsync("/api/members/auth/token", new { email, password });
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Sign-in of {email}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<Tokens>())!;
    }

    /// <summary>Signs a new person up; null email gives a fresh one.</summary>
    public async Task<Person> SignUpAsync(string? email = null, string language = "fr", Guid? organisationId = null)
    {
        email ??= $"membre{Interlocked.Increment(ref _people)}-{Guid.NewGuid():N}@entreprise.test";
        var response = await Anonymous.PostAsJsonAsync("/api/members/accounts", new
        {
            email,
            password = Password,
            displayName = "Camille Dupont",
            language,
            organisationId,
            themes = new[] { "bio-waste" },
            consents = new { terms = true },
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Sign-up of {email}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new Person(body.GetProperty("id").GetGuid(), email);
    }

    /// <summary>A person signed up, approved by the administrator, given a role, and signed in.</summary>
    public async Task<SignedIn> MemberAsync(string role = "member", Guid? organisationId = null)
    {
        var person = await SignUpAsync(organisationId: organisationId);
        using var admin = await AsAdminAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/members/{person.Id}/approve", null)).StatusCode);
        if (role != "member")
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/members/{person.Id}/role", new { role })).StatusCode);
        }
        var tokens = await SignInAsync(person.Email, Password);
        return new SignedIn(person.Id, person.Email, tokens, As(tokens.AccessToken));
    }

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}

public sealed record Person(Guid Id, string Email);

public sealed record Tokens(string AccessToken, string TokenType, int ExpiresIn, string RefreshToken, int RefreshExpiresIn);

public sealed record SignedIn(Guid Id, string Email, Tokens Tokens, HttpClient Client);
