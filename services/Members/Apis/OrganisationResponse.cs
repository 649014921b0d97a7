using CircularPlatform.Contracts;
using CircularPlatform.Members.Model;

namespace CircularPlatform.Members.Apis;

/// <param name="Version">Send it back with an update, so a change made meanwhile by someone else is not overwritten.</param>
public sealed record OrganisationResponse(
    Guid Id,
    string Name,
    string Kind,
    string? Siret,
    string? Municipality,
    string? Postcode,
    string? Address,
    double? Latitude,
    double? Longitude,
    string? Sector,
    string? Website,
    BilingualText? Description,
    IReadOnlyList<string> Themes,
    OrganisationStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int Version)
{
    public static OrganisationResponse From(Organisation o) => new(
        o.Id,
        o.Name,
        o.Kind,
        o.Siret,
        o.Municipality,
        o.Postcode,
        o.Address,
        o.Latitude,
        o.Longitude,
        o.Sector,
        o.Website,
        o.DescriptionFr is null ? null : new BilingualText { Fr = o.DescriptionFr, En = o.DescriptionEn },
        o.Themes,
        o.Status,
        new DateTimeOffset(o.CreatedAt, TimeSpan.Zero),
        new DateTimeOffset(o.UpdatedAt, TimeSpan.Zero),
        o.Version);
}
