using System.Net;
using System.Net.Http.Json;
using CircularPlatform.TestSupport;

namespace CircularPlatform.EndToEnd.Tests;

/// <summary>
/// The first administrator on a fresh ./run.sh: a password made up, printed once, working, and
/// kept nowhere in the data folder. That a later run on the same folder prints none is the
/// AppHost's topology test's (no password parameter on a second run).
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class FirstAdministratorTests(PlatformFixture fixture)
{
    [Fact]
    public async Task The_first_run_prints_a_working_administrator_password_once_and_keeps_it_nowhere_in_the_data_folder()
    {
        var platform = fixture.Platform;
        var password = Assert.IsType<string>(platform.PrintedAdministratorPassword());
        Assert.True(password.Length >= 16, password);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(platform.Output, @"^\s+password \S+\s*$", System.Text.RegularExpressions.RegexOptions.Multiline));

        var signIn = await platform.Gateway.PostAsJsonAsync("/api/members/auth/token", new { email = IPlatform.AdminEmail, password });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);

        Assert.DoesNotContain(Directory.EnumerateFiles(platform.DataFolder, "*", SearchOption.AllDirectories), file => !file.EndsWith(".db", StringComparison.Ordinal)
            && new FileInfo(file).Length < 1_000_000 && File.ReadAllText(file).Contains(password, StringComparison.Ordinal));
    }
}
