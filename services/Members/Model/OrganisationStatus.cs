namespace CircularPlatform.Members.Model;

public enum OrganisationStatus
{
    /// <summary>Registered, waiting for an organiser of the club to approve it.</summary>
    Pending,
    Active,
    /// <summary>No longer in the directory, kept for the history of events and articles.</summary>
    Archived,
}
