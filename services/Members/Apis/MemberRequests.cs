using CircularPlatform.Contracts;
using CircularPlatform.Members.Model;
using CircularPlatform.ServiceDefaults.Http;

namespace CircularPlatform.Members.Apis;

public sealed record NotificationSettingsRequest(bool? EventAnnouncements, bool? RegistrationUpdates, bool? ArticleDigest)
{
    public NotificationSettings ToSettings() => new()
    {
        EventAnnouncements = EventAnnouncements ?? true,
        RegistrationUpdates = RegistrationUpdates ?? true,
        ArticleDigest = ArticleDigest ?? true,
    };
}

/// <param name="Terms">The club's charter and terms of use: required to sign up.</param>
/// <param name="DirectoryListing">Appear with name and organisation in the members' directory.</param>
/// <param name="Newsletter">Receive the club's newsletter by email.</param>
public sealed record ConsentsRequest(bool? Terms, bool? DirectoryListing, bool? Newsletter);

/// <summary>
/// A sign-up. Every field is optional at the JSON level so that every missing or wrong one is
/// reported by name at once.
/// </summary>
/// <param name="Language">"fr" (default) or "en": the language of the member's emails and pages.</param>
public sealed record SignUpRequest(
    string? Email,
    string? Password,
    string? DisplayName,
    string? Language,
    Guid? OrganisationId,
    IReadOnlyList<string>? Themes,
    NotificationSettingsRequest? Notifications,
    ConsentsRequest? Consents)
{
    public MemberProfile? Validate(ValidationErrors errors)
    {
        if (string.IsNullOrEmpty(Password))
        {
            errors.Add("password", "A password is required.");
        }
        if (Consents?.Terms is not true)
        {
            errors.Add("consents.terms", "Joining the club means accepting its charter and terms of use.");
        }
        return ProfileFields.Validate(errors, Email, DisplayName, Language, OrganisationId, Themes, Notifications, Consents);
    }
}

/// <summary>A member's change to their own profile.</summary>
/// <param name="Version">The version last read, so that a change made meanwhile is not overwritten.</param>
public sealed record ProfileRequest(
    string? Email,
    string? DisplayName,
    string? Language,
    Guid? OrganisationId,
    IReadOnlyList<string>? Themes,
    NotificationSettingsRequest? Notifications,
    ConsentsRequest? Consents,
    int? Version)
{
    public MemberProfile? Validate(ValidationErrors errors)
    {
        if (Version is null)
        {
            errors.Add("version", "Send back the version of your profile you last read, so a change made meanwhile is not overwritten.");
        }
        if (Consents?.Terms is false)
        {
            errors.Add("consents.terms", "The terms cannot be withdrawn while remaining a member; to leave, delete your membership.");
        }
        return ProfileFields.Validate(errors, Email, DisplayName, Language, OrganisationId, Themes, Notifications, Consents);
    }
}

public sealed record PasswordChangeRequest(string? CurrentPassword, string? NewPassword);

public sealed record SuspensionRequest(string? Reason);

public sealed record RoleRequest(string? Role);

internal static class ProfileFields
{
    public static MemberProfile? Validate(
        ValidationErrors errors,
        string? email,
        string? displayName,
        string? language,
        Guid? organisationId,
        IReadOnlyList<string>? themes,
        NotificationSettingsRequest? notifications,
        ConsentsRequest? consents)
    {
        var normalised = EmailAddress.Normalise(email);
        if (string.IsNullOrWhiteSpace(email))
        {
            errors.Add("email", "An email address is required.");
        }
        else if (normalised is null)
        {
            errors.Add("email", $"'{email}' is not an email address.");
        }

        var name = displayName?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            errors.Add("displayName", "The name shown to other members is required.");
        }
        else if (name.Length > MemberRules.DisplayNameMaxLength)
        {
            errors.Add("displayName", $"At most {MemberRules.DisplayNameMaxLength} characters.");
        }

        var lang = string.IsNullOrWhiteSpace(language) ? Languages.French : language.Trim().ToLowerInvariant();
        if (!Languages.All.Contains(lang))
        {
            errors.Add("language", $"'{language}' is not a language of the club: use {string.Join(" or ", Languages.All)}.");
        }

        var resolved = themes is null
            ? []
            : Contracts.Themes.Resolve(themes, (i, slug) => errors.Add($"themes[{i}]", Contracts.Themes.UnknownReason(slug)));

        if (errors.Any)
        {
            return null;
        }
        return new MemberProfile(
            name!, normalised!, organisationId, lang, resolved,
            (notifications ?? new NotificationSettingsRequest(null, null, null)).ToSettings(),
            consents?.DirectoryListing ?? false,
            consents?.Newsletter ?? false);
    }
}
