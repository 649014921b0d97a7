using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace CircularPlatform.Members.Infrastructure.Identity;

/// <summary>
/// The secrets Members hands out that only it can check (refresh tokens, the tokens of mailed
/// links): 32 random bytes, base64url. Only their SHA-256 is stored, so a copy of the database
/// holds none that works.
/// </summary>
internal static class OpaqueToken
{
    /// <summary>32 bytes in base64url, without padding.</summary>
    public const int Length = 43;

    public static string New() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Whether the text could be one of ours at all; anything else is not looked up.</summary>
    public static bool IsWellFormed([NotNullWhen(true)] string? token) =>
        token is { Length: Length } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
