namespace CircularPlatform.Members.Model;

/// <summary>
/// A company, municipality, association, research or education body, public body or cluster in
/// the club's directory. Times are kept in UTC.
/// </summary>
public sealed class Organisation
{
    private Organisation()
    {
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = string.Empty;
    public string Kind { get; private set; } = string.Empty;
    /// <summary>Normalised, digits only; unique in the directory.</summary>
    public string? Siret { get; private set; }
    /// <summary>Official name of the CALL municipality; null when the organisation is outside the territory.</summary>
    public string? Municipality { get; private set; }
    /// <summary>French postcode of an organisation outside the territory.</summary>
    public string? Postcode { get; private set; }
    public string? Address { get; private set; }
    public double? Latitude { get; private set; }
    public double? Longitude { get; private set; }
    public string? Sector { get; private set; }
    public string? Website { get; private set; }
    public string? DescriptionFr { get; private set; }
    public string? DescriptionEn { get; private set; }
    public List<string> Themes { get; private set; } = [];
    public OrganisationStatus Status { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    /// <summary>
    /// Goes up by one with every change, so that a client editing an older copy is told rather
    /// than silently overwriting someone else's change (a concurrency token on both providers).
    /// </summary>
    public int Version { get; private set; }

    /// <summary>
    /// The member who registered it and may keep it up to date (with the organisers). Saying on
    /// one's profile that one works there gives no right to change it: anyone can say that.
    /// </summary>
    public Guid? RegisteredBy { get; private set; }

    /// <summary>A new organisation waits in the directory until an organiser approves it.</summary>
    public static Organisation Register(OrganisationDetails details, Guid registeredBy, DateTime now)
    {
        var organisation = new Organisation
        {
            RegisteredBy = registeredBy,
            Id = Guid.CreateVersion7(),
            Status = OrganisationStatus.Pending,
            CreatedAt = Precision.Stored(now),
            Version = 1,
        };
        organisation.Describe(details, now);
        return organisation;
    }

    public void Update(OrganisationDetails details, DateTime now)
    {
        Describe(details, now);
        Version++;
    }

    /// <summary>An organiser vouches for the organisation: it is listed in the club's directory.</summary>
    public bool Approve(DateTime now) => ChangeStatus(OrganisationStatus.Active, now);

    /// <summary>It leaves the directory; what it took part in keeps its name.</summary>
    public bool Archive(DateTime now) => ChangeStatus(OrganisationStatus.Archived, now);

    private bool ChangeStatus(OrganisationStatus status, DateTime now)
    {
        if (Status == status)
        {
            return false;
        }
        Status = status;
        UpdatedAt = Precision.Stored(now);
        Version++;
        return true;
    }

    private void Describe(OrganisationDetails details, DateTime now)
    {
        Name = details.Name;
        Kind = details.Kind;
        Siret = details.Siret?.Value;
        Municipality = details.Municipality;
        Postcode = details.Postcode;
        Address = details.Address;
        Latitude = details.Latitude;
        Longitude = details.Longitude;
        Sector = details.Sector;
        Website = details.Website;
        DescriptionFr = details.DescriptionFr;
        DescriptionEn = details.DescriptionEn;
        Themes = [.. details.Themes];
        UpdatedAt = Precision.Stored(now);
    }
}
