using Microsoft.AspNetCore.Http;

namespace CircularPlatform.ServiceDefaults.Identity;

/// <summary>Answers for endpoints that act for the signed-in member.</summary>
public static class SignedInMember
{
    /// <summary>
    /// A valid token without a member id (a service's token, say) cannot act for a member: 403,
    /// since signing in again with a member account is the way out, not another try.
    /// </summary>
    public static IResult Unnamed() => TypedResults.Problem(
        title: "Your sign-in does not name a member.", detail: "Sign in again with your member account.",
        statusCode: StatusCodes.Status403Forbidden);
}
