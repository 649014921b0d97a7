using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CircularPlatform.Members.Tests;

/// <summary>
/// Guessing passwords slows the guesser, not the member: attempts are counted per email address
/// and client (as the gateway saw the caller, X-Forwarded-For from loopback), the same for known
/// and unknown addresses, and the owner signing in from elsewhere gets in.
/// </summary>
public sealed class SignInThrottleTests : IAsyncLifetime
{
    private const string Guesser = "203.0.113.7";
    private const string Owner = "198.51.100.20";
    private Club _club = null!;

    public async Task InitializeAsync()
    {
        _club = new Club(settings: settings => settings["Identity:SignInThrottle:FailuresPerClient"] = "12");
        await _club.StartAsync();
    }

    public async Task DisposeAsync() => await _club.DisposeAsync();

    [Fact]
    public async Task Five_wrong_passwords_make_that_client_wait_and_an_unknown_address_answers_the_same()
    {
        var person = await _club.SignUpAsync();
        var known = await GuessFiveTimesAsync(person.Email);
        var unknown = await GuessFiveTimesAsync($"personne-{Guid.NewGuid():N}@inconnue.test");

        // Nothing tells the member's address from one nobody signed up with.
        Assert.Equal(known, unknown);
        Assert.Equal([401, 401, 401, 401, 429], known);

        // Waiting means waiting: the right password from the same client is not even checked.
        var right = await SignInAsync(person.Email, Club.Password, Guesser);
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.Equal("application/problem+json", right.Content.Headers.ContentType?.MediaType);
        var retryAfter = Assert.Single(right.Headers.GetValues("Retry-After"));
        Assert.True(int.TryParse(retryAfter, out var seconds), retryAfter);
        Assert.InRange(seconds, 1, 15 * 60);

        var empty = await SignInAsync("", "", Guesser);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var errors = (await empty.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("email", out _));
        Assert.True(errors.TryGetProperty("password", out _));
    }

    [Fact]
    public async Task The_owner_signs_in_from_elsewhere_while_the_guesser_waits()
    {
        var person = await _club.SignUpAsync();
        await GuessFiveTimesAsync(person.Email);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SignInAsync(person.Email, "encore une devinette", Guesser)).StatusCode);

        var owner = await SignInAsync(person.Email, Club.Password, Owner);
        Assert.Equal(HttpStatusCode.OK, owner.StatusCode);
        // And the owner's own mistakes are theirs: a wrong password from their address is a plain 401.
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(person.Email, "faute de frappe", Owner)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(person.Email, Club.Password, Owner)).StatusCode);
    }

    [Fact]
    public async Task Guesses_sent_together_get_no_more_passwords_checked_than_guesses_sent_one_by_one()
    {
        var person = await _club.SignUpAsync();

        var guesses = await Task.WhenAll(Enumerable.Range(1, 12).Select(i => SignInAsync(person.Email, "devinette " + i, "192.0.2.44")));

        // Counted before the password is checked: five of the twelve were checked, the rest waited.
        Assert.Equal(4, guesses.Count(g => g.StatusCode == HttpStatusCode.Unauthorized));
        Assert.Equal(8, guesses.Count(g => g.StatusCode == HttpStatusCode.TooManyRequests));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SignInAsync(person.Email, Club.Password, "192.0.2.44")).StatusCode);
    }

    [Fact]
    public async Task A_client_failing_on_many_addresses_waits_for_all_of_them()
    {
        const string sprayer = "192.0.2.99";
        var person = await _club.SignUpAsync();
        // Three wrong passwords on each of four addresses: never five on one, twelve in all.
        for (var address = 0; address < 4; address++)
        {
            for (var attempt = 0; attempt < 3; attempt++)
            {
                Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync($"cible{address}@entreprise.test", "devinette " + attempt, sprayer)).StatusCode);
            }
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await SignInAsync(person.Email, Club.Password, sprayer)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(person.Email, Club.Password, Owner)).StatusCode);
    }

    private async Task<List<int>> GuessFiveTimesAsync(string email)
    {
        var statuses = new List<int>();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var response = await SignInAsync(email, "pas le bon mot de passe " + attempt, Guesser);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            statuses.Add((int)response.StatusCode);
        }
        return statuses;
    }

    private Task<HttpResponseMessage> SignInAsync(string email, string password, string client)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/members/auth/token") { Content = JsonContent.Create(new { email, password }) };
        request.Headers.Add("X-Forwarded-For", client);
        return _club.Anonymous.SendAsync(request);
    }
}
