using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CircularPlatform.TestSupport;

namespace CircularPlatform.EndToEnd.Tests;

/// <summary>The club's people, through the gateway: signing up, approval, roles, signing in.</summary>
public sealed class ClubSession(IPlatform platform)
{
    public const string Password = "les terrils de Loos-en-Gohelle";

    public HttpClient Gateway => platform.Gateway;

    public async Task<Caller> AdminAsync()
    {
        var password = platform.AdminPassword ?? throw new InvalidOperationException("The AppHost gave no administrator password.");
        return new(CallerKind.Admin, await IdOfAsync(IPlatform.AdminEmail, password), IPlatform.AdminEmail,
            password, (await SignInAsync(IPlatform.AdminEmail, password)).AccessToken);
    }

    public async Task<Tokens> SignInAsync(string email, string password)
    {
        var response = await Gateway.PostAsJsonAsync("/api/members/auth/token", new { email, password });
        await EnsureAsync(response, HttpStatusCode.OK, "sign-in of " + email);
        return (await response.Content.ReadFromJsonAsync<Tokens>())!;
    }

    public async Task<Guid> SignUpAsync(string email)
    {
        var response = await Gateway.PostAsJsonAsync("/api/members/accounts", new
        {
            email,
            password = Password,
            displayName = "Dominique Lefebvre",
            consents = new { terms = true },
        });
        await EnsureAsync(response, HttpStatusCode.Created, "sign-up of " + email);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>A new person with <paramref name="kind"/>'s role, approved by the admin, signed in.</summary>
    public async Task<Caller> NewAsync(CallerKind kind, Caller admin)
    {
        var email = $"{kind.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}@entreprise.test";
        var id = await SignUpAsync(email);
        using var asAdmin = Client(admin.AccessToken);
        await EnsureAsync(await asAdmin.PostAsync($"/api/members/{id}/approve", null), HttpStatusCode.OK, "approval");
        var role = kind switch { CallerKind.Organiser => "organiser", CallerKind.Admin => "admin", _ => "member" };
        if (role != "member")
        {
            await EnsureAsync(await asAdmin.PutAsJsonAsync($"/api/members/{id}/role", new { role }), HttpStatusCode.OK, "role");
        }
        var tokens = await SignInAsync(email, Password);
        return new Caller(kind, id, email, Password, tokens.AccessToken);
    }

    public HttpClient Client(string? accessToken)
    {
        var client = new HttpClient { BaseAddress = Gateway.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (accessToken is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }
        return client;
    }

    private async Task<Guid> IdOfAsync(string email, string password)
    {
        using var client = Client((await SignInAsync(email, password)).AccessToken);
        return (await client.GetFromJsonAsync<JsonElement>("/api/members/me")).GetProperty("id").GetGuid();
    }

    public static async Task EnsureAsync(HttpResponseMessage response, HttpStatusCode expected, string what)
    {
        if (response.StatusCode != expected)
        {
            throw new Xunit.Sdk.XunitException($"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}

public enum CallerKind
{
    Anonymous,
    Member,
    OtherMember,
    Organiser,
    Admin,
}

/// <summary>Who calls: nobody (anonymous), or a person of the club with their credentials and access token.</summary>
public sealed record Caller(CallerKind Kind, Guid Id, string? Email, string? Password, string? AccessToken)
{
    public static readonly Caller Anonymous = new(CallerKind.Anonymous, Guid.Empty, null, null, null);
}

public sealed record Tokens(string AccessToken, string TokenType, int ExpiresIn, string RefreshToken, int RefreshExpiresIn);
