using System.Security.Cryptography;

namespace CircularPlatform.Events.Model;

public enum RegistrationStatus
{
    Confirmed,
    Waitlisted,
    Cancelled,
}

/// <summary>Why a registration ended, for the member's list and the organisers' export.</summary>
public enum CancellationCause
{
    /// <summary>The member gave up their place.</summary>
    Member,
    /// <summary>The event was cancelled.</summary>
    EventCancelled,
    /// <summary>The member left the club or was suspended.</summary>
    MemberLeft,
}

/// <summary>
/// One member's place at one event: a seat, a place on the waitlist, or a place given up. A member
/// has one registration per event; registering again after cancelling takes the same one back to
/// the end of the queue.
/// </summary>
public sealed class Registration
{
    /// <summary>Check-in codes avoid letters and digits people confuse at a door (0/O, 1/I/L).</summary>
    public const string CodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    public const int CodeLength = 8;

    private Registration()
    {
    }

    public Guid Id { get; private set; }
    public Guid EventId { get; private set; }
    public Guid MemberId { get; private set; }
    /// <summary>As the member's token named them; kept for the organisers' list, renewed by MemberProfileChanged.</summary>
    public string? DisplayName { get; private set; }
    public string? Email { get; private set; }
    public RegistrationStatus Status { get; private set; }
    /// <summary>The event's arrival number when the member last registered: the waitlist's order.</summary>
    public long Arrival { get; private set; }
    public DateTime RegisteredAt { get; private set; }
    public DateTime? ConfirmedAt { get; private set; }
    public DateTime? CancelledAt { get; private set; }
    public CancellationCause? CancelledBecause { get; private set; }
    /// <summary>Shown at the door as text and as a QR code; unique within the event.</summary>
    public string CheckInCode { get; private set; } = string.Empty;
    public DateTime? CheckedInAt { get; private set; }

    public bool Active => Status is RegistrationStatus.Confirmed or RegistrationStatus.Waitlisted;

    /// <summary>
    /// A code as someone typed or scanned it, in the form it is stored: upper case, without the
    /// spaces or dashes people add when reading it out; null when it cannot be one of ours.
    /// </summary>
    public static string? NormaliseCode(string? typed)
    {
        if (typed is null || typed.Length > 4 * CodeLength)
        {
            return null;
        }
        var code = string.Concat(typed.Where(c => c is not (' ' or '-'))).ToUpperInvariant();
        return code.Length == CodeLength && code.All(CodeAlphabet.Contains) ? code : null;
    }

    /// <summary>Why this registration cannot be let in at the door, or null when it can.</summary>
    public string? CheckInRefusal => Status switch
    {
        RegistrationStatus.Waitlisted => "This person is on the waitlist and has no seat.",
        RegistrationStatus.Cancelled => "This registration was cancelled.",
        _ => null,
    };

    public static Registration Take(ClubEvent clubEvent, Guid memberId, string? displayName, string? email, DateTime now)
    {
        var registration = new Registration
        {
            Id = Guid.CreateVersion7(),
            EventId = clubEvent.Id,
            MemberId = memberId,
            CheckInCode = NewCode(),
        };
        registration.Queue(clubEvent, displayName, email, now);
        return registration;
    }

    /// <summary>A member who cancelled registers again: back at the end of the queue.</summary>
    public void Retake(ClubEvent clubEvent, string? displayName, string? email, DateTime now)
    {
        if (Active)
        {
            throw new InvalidOperationException("The registration is active already.");
        }
        CancelledAt = null;
        CancelledBecause = null;
        CheckedInAt = null;
        Queue(clubEvent, displayName, email, now);
    }

    public void Cancel(ClubEvent clubEvent, CancellationCause cause, DateTime now)
    {
        if (!Active)
        {
            return;
        }
        clubEvent.Release(Status);
        Status = RegistrationStatus.Cancelled;
        CancelledAt = now;
        CancelledBecause = cause;
    }

    /// <summary>First of the waitlist when a seat is free.</summary>
    public void Promote(ClubEvent clubEvent, DateTime now)
    {
        if (Status != RegistrationStatus.Waitlisted)
        {
            throw new InvalidOperationException("Only a waitlisted registration is promoted.");
        }
        clubEvent.Promoted();
        Status = RegistrationStatus.Confirmed;
        ConfirmedAt = now;
    }

    /// <summary>Whether the member was let in now; false when they were checked in before (scanned twice).</summary>
    public bool CheckIn(ClubEvent clubEvent, DateTime now)
    {
        if (CheckedInAt is not null)
        {
            return false;
        }
        CheckedInAt = now;
        clubEvent.CheckedIn();
        return true;
    }

    public void Rename(string displayName, string email)
    {
        DisplayName = displayName;
        Email = email;
    }

    /// <summary>
    /// Erasure: the registration stays for the event's counts, but nothing leads back to the
    /// person (a fresh random member id, no name, no address, no code).
    /// </summary>
    public void Anonymise()
    {
        MemberId = Guid.NewGuid();
        DisplayName = null;
        Email = null;
        CheckInCode = NewCode();
    }

    private void Queue(ClubEvent clubEvent, string? displayName, string? email, DateTime now)
    {
        // As the token gave them; kept within the columns' sizes rather than refusing the member.
        displayName = displayName?[..Math.Min(displayName.Length, EventRules.NameMaxLength)];
        email = email is { Length: <= EventRules.EmailMaxLength } ? email : null;
        var (arrival, seated) = clubEvent.TakePlace();
        Arrival = arrival;
        RegisteredAt = now;
        Status = seated ? RegistrationStatus.Confirmed : RegistrationStatus.Waitlisted;
        ConfirmedAt = seated ? now : null;
        DisplayName = displayName;
        Email = email;
    }

    private static string NewCode() => RandomNumberGenerator.GetString(CodeAlphabet, CodeLength);
}
