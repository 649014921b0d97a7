using Microsoft.AspNetCore.Identity;

namespace CircularPlatform.Members.Infrastructure.Identity;

/// <summary>
/// How a member signs in: ASP.NET Core Identity's user (hashed password, failed attempts, lockout),
/// sharing its id with the <see cref="Model.Member"/> it belongs to. The email is the user name.
/// </summary>
public sealed class MemberAccount : IdentityUser<Guid>;
