using System.Net;
using System.Net.Http.Json;
using CircularPlatform.TestSupport;

namespace CircularPlatform.EndToEnd.Tests;

/// <summary>The first administrator on a fresh <c>./run.sh</c>: a password made up, shown once, working.</summary>
public sealed class FirstAdministratorTests
{
    [Fact]
    public async Task The_first_run_prints_a_working_administrator_password_once_and_later_runs_keep_it()
    {
        using var data = new TemporaryFolder("cp-e2e-admin");
        string password;
        await using (var first = await PlatformApp.StartAsync(data.Path, generateAdministrator: true))
        {
            password = Assert.IsType<string>(first.AdminPassword);
            Assert.True(password.Length >= 16, password);
            await new ClubSession(first).SignInAsync(IPlatform.AdminEmail, password);
        }
        // No secret is left in the data folder, only the marker that it was given.
        Assert.DoesNotContain(Directory.EnumerateFiles(data.Path), file => !file.EndsWith(".db", StringComparison.Ordinal)
            && new FileInfo(file).Length < 1_000_000 && File.ReadAllText(file).Contains(password, StringComparison.Ordinal));

        await using var again = await PlatformApp.StartAsync(data.Path, generateAdministrator: true);

        Assert.Null(again.PrintedAdministratorPassword());
        var signIn = await again.Gateway.PostAsJsonAsync("/api/members/auth/token", new { email = IPlatform.AdminEmail, password });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
    }
}
