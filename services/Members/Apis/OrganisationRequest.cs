using CircularPlatform.Contracts;
using CircularPlatform.Members.Model;
using CircularPlatform.ServiceDefaults.Http;

namespace CircularPlatform.Members.Apis;

/// <summary>
/// The body of a registration or an update. Every field is optional at the JSON level so that a
/// missing one is reported by name with the other problems, rather than failing the whole body.
/// </summary>
/// <param name="Municipality">One of the 36 CALL municipalities, for an organisation on the territory.</param>
/// <param name="Postcode">The French postcode of an organisation outside the territory, instead of a municipality.</param>
/// <param name="Version">On an update, the version the client last read; ignored on registration.</param>
public sealed record OrganisationRequest(
    string? Name,
    string? Kind,
    string? Siret,
    string? Municipality,
    string? Postcode,
    string? Address,
    double? Latitude,
    double? Longitude,
    string? Sector,
    string? Website,
    BilingualTextRequest? Description,
    IReadOnlyList<string>? Themes,
    int? Version)
{
    public OrganisationDetails? Validate(ValidationErrors errors)
    {
        var name = Blank(Name);
        if (name is null)
        {
            errors.Add("name", "The organisation's name is required.");
        }
        CheckLength(errors, "name", name, OrganisationRules.NameMaxLength);

        if (string.IsNullOrWhiteSpace(Kind))
        {
            errors.Add("kind", $"The kind is required: one of {string.Join(", ", OrganisationKinds.All)}.");
        }
        else if (!OrganisationKinds.All.Contains(Kind))
        {
            errors.Add("kind", $"'{Kind}' is not a kind of organisation: use one of {string.Join(", ", OrganisationKinds.All)}.");
        }

        var siret = ValidateSiret(errors);
        var (municipality, postcode) = ValidateLocation(errors);

        var address = Blank(Address);
        CheckLength(errors, "address", address, OrganisationRules.AddressMaxLength);
        ValidateCoordinates(errors);
        var sector = Blank(Sector);
        CheckLength(errors, "sector", sector, OrganisationRules.SectorMaxLength);
        var website = ValidateWebsite(errors);

        var descriptionFr = Blank(Description?.Fr);
        var descriptionEn = Blank(Description?.En);
        if (descriptionFr is null && descriptionEn is not null)
        {
            errors.Add("description.fr", "The description is written in French first; the English one is optional.");
        }
        CheckLength(errors, "description.fr", descriptionFr, OrganisationRules.DescriptionMaxLength);
        CheckLength(errors, "description.en", descriptionEn, OrganisationRules.DescriptionMaxLength);

        var themes = ValidateThemes(errors);

        if (errors.Any)
        {
            return null;
        }
        return new OrganisationDetails(
            name!, Kind!, siret, municipality, postcode, address, Latitude, Longitude, sector, website,
            descriptionFr, descriptionEn, themes);
    }

    private Siret? ValidateSiret(ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(Siret))
        {
            if (Kind == OrganisationKinds.Company)
            {
                errors.Add("siret", "A company gives the SIRET of its establishment on the territory.");
            }
            return null;
        }
        if (Model.Siret.TryParse(Siret, out var siret, out var problem))
        {
            return siret;
        }
        errors.Add("siret", problem!);
        return null;
    }

    private (string? Municipality, string? Postcode) ValidateLocation(ValidationErrors errors)
    {
        var hasMunicipality = !string.IsNullOrWhiteSpace(Municipality);
        var postcode = Blank(Postcode);
        if (hasMunicipality && postcode is not null)
        {
            errors.Add("postcode", "Give a postcode only for an organisation outside the territory, not with a municipality of Lens-Liévin.");
        }
        else if (!hasMunicipality && postcode is null)
        {
            errors.Add("municipality", "Give the municipality of Lens-Liévin where the organisation is, or its postcode if it is outside the territory.");
        }

        string? municipality = null;
        if (hasMunicipality && !Municipalities.TryFind(Municipality, out municipality))
        {
            errors.Add("municipality", $"'{Municipality}' is not one of the 36 municipalities of Lens-Liévin; give the postcode instead for an organisation outside the territory.");
        }
        // French postcodes are five digits; none begins with 00.
        if (postcode is not null && (postcode.Length != OrganisationRules.PostcodeLength || !postcode.All(char.IsAsciiDigit) || postcode.StartsWith("00", StringComparison.Ordinal)))
        {
            errors.Add("postcode", "A French postcode has five digits, e.g. 59000.");
        }
        return (municipality, postcode);
    }

    private void ValidateCoordinates(ValidationErrors errors)
    {
        if (Latitude is { } latitude && (double.IsNaN(latitude) || latitude is < -90 or > 90))
        {
            errors.Add("latitude", "The latitude is between -90 and 90 degrees.");
        }
        if (Longitude is { } longitude && (double.IsNaN(longitude) || longitude is < -180 or > 180))
        {
            errors.Add("longitude", "The longitude is between -180 and 180 degrees.");
        }
        // A point needs both; one alone cannot be placed on a map.
        if (Latitude is null && Longitude is not null)
        {
            errors.Add("latitude", "Give the latitude with the longitude.");
        }
        if (Longitude is null && Latitude is not null)
        {
            errors.Add("longitude", "Give the longitude with the latitude.");
        }
    }

    private string? ValidateWebsite(ValidationErrors errors)
    {
        var website = Blank(Website);
        if (website is null)
        {
            return null;
        }
        if (!Uri.TryCreate(website, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add("website", "Give the full address of the website, starting with https:// or http://.");
        }
        CheckLength(errors, "website", website, OrganisationRules.WebsiteMaxLength);
        return website;
    }

    private List<string> ValidateThemes(ValidationErrors errors) =>
        Themes is null
            ? []
            : Contracts.Themes.Resolve(Themes, (i, slug) => errors.Add($"themes[{i}]", Contracts.Themes.UnknownReason(slug)));

    private static void CheckLength(ValidationErrors errors, string field, string? value, int max)
    {
        if (value is not null && value.Length > max)
        {
            errors.Add(field, $"At most {max} characters.");
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
