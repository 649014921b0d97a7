using System.Security.Cryptography;

namespace CircularPlatform.AppHost;

/// <summary>
/// The club's first administrator for a local run. Members creates them on its first start with a
/// password generated here, which is printed once: a marker in the data folder (which holds no
/// secret) says it has been given, and later runs pass no password at all.
/// </summary>
internal sealed record FirstAdministrator(string Email, string? Password, bool Generated)
{
    public const string DefaultEmail = "admin@club-economie-circulaire.local";

    public static FirstAdministrator For(string dataFolder, string? email, string? configuredPassword)
    {
        email = string.IsNullOrWhiteSpace(email) ? DefaultEmail : email.Trim();
        if (!string.IsNullOrEmpty(configuredPassword))
        {
            return new FirstAdministrator(email, configuredPassword, Generated: false);
        }
        var marker = Path.Combine(dataFolder, "first-admin");
        if (File.Exists(marker))
        {
            return new FirstAdministrator(File.ReadAllText(marker).Trim(), null, Generated: false);
        }
        // 120 bits from the system's generator, readable enough to type once.
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', '-').Replace('/', '_');
        File.WriteAllText(marker, email + Environment.NewLine);
        return new FirstAdministrator(email, password, Generated: true);
    }

    /// <summary>The lines shown once, on the AppHost's console, when the password was made up here.</summary>
    public string? Announcement => !Generated ? null : string.Join(Environment.NewLine,
        "The club's first administrator (shown this once, keep it safe):",
        $"    email    {Email}",
        $"    password {Password}",
        "Sign in: POST /api/members/auth/token {\"email\": ..., \"password\": ...} on the gateway.");
}
