using System.Security.Claims;

namespace CircularPlatform.ServiceDefaults.Identity;

public static class ClaimsPrincipalExtensions
{
    /// <summary>The member a token was issued to (its "sub"), or null for an anonymous caller.</summary>
    public static Guid? MemberId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirst("sub")?.Value, out var id) ? id : null;

    /// <summary>Organisers, and admins who may do what organisers do.</summary>
    public static bool IsOrganiser(this ClaimsPrincipal user) =>
        user.IsInRole(ClubRoles.Organiser) || user.IsInRole(ClubRoles.Admin);

    public static bool IsAdmin(this ClaimsPrincipal user) => user.IsInRole(ClubRoles.Admin);
}
