namespace CircularPlatform.Members.Model;

/// <summary>What an organisation says about itself, already checked against the club's rules.</summary>
/// <param name="Municipality">Official name of the CALL municipality; null for an organisation outside the territory.</param>
/// <param name="Postcode">French postcode of an organisation outside the territory; null otherwise.</param>
public sealed record OrganisationDetails(
    string Name,
    string Kind,
    Siret? Siret,
    string? Municipality,
    string? Postcode,
    string? Address,
    double? Latitude,
    double? Longitude,
    string? Sector,
    string? Website,
    string? DescriptionFr,
    string? DescriptionEn,
    IReadOnlyList<string> Themes);
