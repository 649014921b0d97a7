using System.Net.Mail;

namespace CircularPlatform.Members.Model;

public static class EmailAddress
{
    /// <summary>
    /// Trimmed and lower-cased, so that "Camille.Dupont@Lens.fr" and "camille.dupont@lens.fr" are one
    /// member; null when it is not an address mail can be sent to (a domain with a dot is required).
    /// </summary>
    public static string? Normalise(string? text)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MemberRules.EmailMaxLength || trimmed.Any(char.IsWhiteSpace))
        {
            return null;
        }
        if (!MailAddress.TryCreate(trimmed, out var address) || address.Address != trimmed || !address.Host.Contains('.') || address.Host.EndsWith('.'))
        {
            return null;
        }
        return trimmed.ToLowerInvariant();
    }
}
