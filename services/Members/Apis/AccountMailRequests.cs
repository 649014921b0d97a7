using System.Text.Json;

namespace CircularPlatform.Members.Apis;

public sealed record PasswordResetRequest(string? Email);

/// <summary>The token of a mailed link, sent back as JSON by a client or by the page's form.</summary>
public sealed record EmailVerificationRequest(string? Token)
{
    public static ValueTask<EmailVerificationRequest?> BindAsync(HttpContext http) =>
        JsonOrForm.ReadAsync(http, form => new EmailVerificationRequest(form["token"]));
}

/// <summary>The token of a mailed link and the password chosen, as JSON or from the page's form.</summary>
public sealed record PasswordResetConfirmation(string? Token, string? NewPassword)
{
    public static ValueTask<PasswordResetConfirmation?> BindAsync(HttpContext http) =>
        JsonOrForm.ReadAsync(http, form => new PasswordResetConfirmation(form["token"], form["newPassword"]));
}

/// <summary>
/// A body that is JSON from clients and a form post from the pages behind mailed links, which work
/// without any script. JSON is read with the service's options, so its strings are checked as
/// every body's are, and a malformed one names its field as a bound body does.
/// </summary>
internal static class JsonOrForm
{
    public static async ValueTask<T?> ReadAsync<T>(HttpContext http, Func<IFormCollection, T> fromForm) where T : class
    {
        var request = http.Request;
        if (request.HasFormContentType)
        {
            try
            {
                return fromForm(await request.ReadFormAsync(http.RequestAborted));
            }
            catch (InvalidDataException invalid)
            {
                throw new BadHttpRequestException("The form is not valid: " + invalid.Message, StatusCodes.Status400BadRequest, invalid);
            }
        }
        if (request.HasJsonContentType())
        {
            try
            {
                return await request.ReadFromJsonAsync<T>(http.RequestAborted);
            }
            catch (JsonException json)
            {
                throw new BadHttpRequestException("The request body is not valid JSON.", StatusCodes.Status400BadRequest, json);
            }
        }
        throw new BadHttpRequestException(
            "Send a JSON body (application/json) or a form (application/x-www-form-urlencoded).", StatusCodes.Status415UnsupportedMediaType);
    }
}
