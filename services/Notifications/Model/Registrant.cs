namespace CircularPlatform.Notifications.Model;

public enum RegistrantStatus
{
    Confirmed,
    Waitlisted,
    Cancelled,
}

/// <summary>
/// A registration as Notifications knows it, from Events' Registration* facts: who is told that
/// an event they registered for, or wait for, moved or was called off. The facts of one
/// registration may arrive out of order; the newest one is the one kept.
/// </summary>
public sealed class Registrant
{
    private Registrant()
    {
    }

    public Guid RegistrationId { get; private set; }
    public Guid EventId { get; private set; }
    public Guid MemberId { get; private set; }
    public RegistrantStatus Status { get; private set; }
    /// <summary>When the status kept here was true at Events.</summary>
    public DateTime AsOf { get; private set; }

    public bool Holds => Status != RegistrantStatus.Cancelled;

    public static Registrant New(Guid registrationId, Guid eventId, Guid memberId) =>
        new() { RegistrationId = registrationId, EventId = eventId, MemberId = memberId, Status = RegistrantStatus.Cancelled, AsOf = DateTime.UnixEpoch };

    /// <summary>Takes the status of a fact unless a newer one is already known.</summary>
    public void Became(RegistrantStatus status, DateTimeOffset occurredAt)
    {
        var asOf = occurredAt.UtcDateTime;
        if (asOf < AsOf)
        {
            return;
        }
        Status = status;
        AsOf = asOf;
    }
}
