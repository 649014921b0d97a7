using CircularPlatform.ServiceDefaults.Identity;

namespace CircularPlatform.Members.Model;

/// <summary>
/// A person in the club. Their sign-in (password, lockout) is the account with the same id; this
/// is who they are in the club and what the other services learn about them.
/// </summary>
public sealed class Member
{
    private Member()
    {
    }

    public Guid Id { get; private set; }
    public string DisplayName { get; private set; } = string.Empty;
    /// <summary>Trimmed and lower-cased, unique; null once erased.</summary>
    public string? Email { get; private set; }
    /// <summary>When the person showed, by a link mailed to it, that <see cref="Email"/> is theirs; null again once it changes.</summary>
    public DateTime? EmailVerifiedAt { get; private set; }
    public Guid? OrganisationId { get; private set; }
    public string Role { get; private set; } = ClubRoles.Member;
    public string Language { get; private set; } = "fr";
    public List<string> Themes { get; private set; } = [];
    public NotificationSettings Notifications { get; private set; } = new();
    public Consents Consents { get; private set; } = new();
    public MemberStatus Status { get; private set; }
    public string? StatusReason { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public DateTime? ApprovedAt { get; private set; }
    public Guid? ApprovedBy { get; private set; }

    /// <summary>Goes up with every change, as for organisations: a stale copy cannot overwrite a newer one.</summary>
    public int Version { get; private set; }

    /// <summary>
    /// Goes up whenever what the member's tokens say stops being true (suspension, another role,
    /// erasure). Tokens carry it; every service refuses those below it (MemberAccessRevoked).
    /// </summary>
    public int AccessVersion { get; private set; }

    /// <summary>A person signs up having accepted the club's terms; an organiser approves them later.</summary>
    public static Member SignUp(MemberProfile profile, DateTime now)
    {
        now = Precision.Stored(now);
        var member = new Member
        {
            Id = Guid.CreateVersion7(),
            Status = MemberStatus.Pending,
            CreatedAt = now,
            Version = 1,
            AccessVersion = 1,
        };
        member.Consents.TermsAcceptedAt = now;
        member.Describe(profile, now);
        return member;
    }

    /// <summary>The first administrator, from configuration: a member of the club from the start.</summary>
    public static Member FirstAdmin(MemberProfile profile, DateTime now)
    {
        var member = SignUp(profile, now);
        member.Role = ClubRoles.Admin;
        member.Status = MemberStatus.Approved;
        member.ApprovedAt = member.CreatedAt;
        // Whoever deploys the platform names the address; nobody is there to follow a link yet.
        member.EmailVerifiedAt = member.CreatedAt;
        return member;
    }

    public bool CanSignIn => Status is MemberStatus.Pending or MemberStatus.Approved;

    public void ChangeProfile(MemberProfile profile, DateTime now)
    {
        Describe(profile, Precision.Stored(now));
        Version++;
    }

    /// <summary>The person followed the link mailed to their current address.</summary>
    public void VerifyEmail(DateTime now)
    {
        EmailVerifiedAt = Precision.Stored(now);
        Touch(now);
    }

    /// <summary>Approves a pending member, or lets a suspended one back in.</summary>
    public MembershipChange Approve(Guid organiser, DateTime now)
    {
        if (Status is MemberStatus.Approved)
        {
            return MembershipChange.Unchanged;
        }
        if (Status is MemberStatus.Erased)
        {
            return MembershipChange.Refused("An erased member cannot be approved: they have to sign up again.");
        }
        var wasSuspended = Status is MemberStatus.Suspended;
        Status = MemberStatus.Approved;
        StatusReason = null;
        ApprovedAt = Precision.Stored(now);
        ApprovedBy = organiser;
        Touch(now);
        return wasSuspended ? MembershipChange.Reinstated : MembershipChange.Joined;
    }

    public MembershipChange Suspend(string reason, DateTime now)
    {
        if (Status is MemberStatus.Suspended)
        {
            return MembershipChange.Unchanged;
        }
        if (Status is MemberStatus.Erased)
        {
            return MembershipChange.Refused("An erased member cannot be suspended.");
        }
        if (Role is ClubRoles.Admin)
        {
            return MembershipChange.Refused("An administrator cannot be suspended; an administrator first changes their role.");
        }
        Status = MemberStatus.Suspended;
        StatusReason = reason;
        AccessVersion++;
        Touch(now);
        return MembershipChange.Left;
    }

    public MembershipChange ChangeRole(string role, DateTime now)
    {
        if (Role == role)
        {
            return MembershipChange.Unchanged;
        }
        if (Status is not MemberStatus.Approved)
        {
            return MembershipChange.Refused($"Only an approved member can be given a role; this member is {Status.ToString().ToLowerInvariant()}.");
        }
        Role = role;
        AccessVersion++;
        Touch(now);
        return MembershipChange.RoleChanged;
    }

    /// <summary>
    /// The right to erasure: nothing that identifies the person is kept. The row stays, with a
    /// neutral name, so that events and articles they took part in still have an author.
    /// </summary>
    public void Erase(DateTime now)
    {
        DisplayName = "Ancien membre";
        Email = null;
        EmailVerifiedAt = null;
        OrganisationId = null;
        Themes = [];
        Notifications = new NotificationSettings { EventAnnouncements = false, RegistrationUpdates = false, ArticleDigest = false };
        Consents = new Consents();
        Role = ClubRoles.Member;
        Status = MemberStatus.Erased;
        StatusReason = "erasure requested";
        AccessVersion++;
        Touch(now);
    }

    private void Describe(MemberProfile profile, DateTime now)
    {
        DisplayName = profile.DisplayName;
        if (profile.Email != Email)
        {
            // A new address is anyone's until its owner follows the link mailed to it.
            EmailVerifiedAt = null;
        }
        Email = profile.Email;
        OrganisationId = profile.OrganisationId;
        Language = profile.Language;
        Themes = [.. profile.Themes];
        Notifications = profile.Notifications;
        Consents.DirectoryListingAt = Consents.Keep(Consents.DirectoryListingAt, profile.DirectoryListing, now);
        Consents.NewsletterAt = Consents.Keep(Consents.NewsletterAt, profile.Newsletter, now);
        UpdatedAt = now;
    }

    private void Touch(DateTime now)
    {
        UpdatedAt = Precision.Stored(now);
        Version++;
    }
}

/// <summary>What a change of membership did, so the API answers and publishes accordingly.</summary>
public sealed record MembershipChange(string Kind, string? Reason = null)
{
    public static readonly MembershipChange Unchanged = new("unchanged");
    public static readonly MembershipChange Joined = new("joined");
    public static readonly MembershipChange Reinstated = new("reinstated");
    public static readonly MembershipChange Left = new("left");
    public static readonly MembershipChange RoleChanged = new("role-changed");

    public static MembershipChange Refused(string reason) => new("refused", reason);

    public bool IsRefused => Kind == "refused";
}

internal static class Precision
{
    /// <summary>PostgreSQL keeps microseconds: a time answered after a change must read back the same.</summary>
    public static DateTime Stored(DateTime utc) =>
        new(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMicrosecond, DateTimeKind.Utc);
}
