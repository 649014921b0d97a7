using CircularPlatform.Members.Model;

namespace CircularPlatform.Members.Tests;

/// <summary>The membership rules themselves, without the API around them.</summary>
public sealed class MemberTests
{
    private static readonly DateTime Monday = new(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc);
    private static readonly Guid Organiser = Guid.NewGuid();

    private static MemberProfile Profile(string email = "camille@lens.fr", bool newsletter = false) =>
        new("Camille Dupont", email, null, "fr", ["bio-waste"], new NotificationSettings(), DirectoryListing: false, Newsletter: newsletter);

    [Fact]
    public void A_sign_up_is_pending_a_member_with_the_terms_accepted_at_that_moment()
    {
        var member = Member.SignUp(Profile(newsletter: true), Monday);

        Assert.Equal(MemberStatus.Pending, member.Status);
        Assert.Equal("member", member.Role);
        Assert.Equal(Monday, member.Consents.TermsAcceptedAt);
        Assert.Equal(Monday, member.Consents.NewsletterAt);
        Assert.Null(member.Consents.DirectoryListingAt);
        Assert.True(member.CanSignIn);
        Assert.Equal(1, member.Version);
    }

    [Fact]
    public void Approval_joins_once_suspension_bars_and_a_second_approval_reinstates()
    {
        var member = Member.SignUp(Profile(), Monday);

        Assert.Same(MembershipChange.Joined, member.Approve(Organiser, Monday.AddDays(1)));
        Assert.Same(MembershipChange.Unchanged, member.Approve(Organiser, Monday.AddDays(2)));
        Assert.Equal(Organiser, member.ApprovedBy);
        Assert.Same(MembershipChange.Left, member.Suspend("démarchage", Monday.AddDays(3)));
        Assert.False(member.CanSignIn);
        Assert.Equal("démarchage", member.StatusReason);
        Assert.Same(MembershipChange.Unchanged, member.Suspend("encore", Monday.AddDays(4)));
        Assert.Same(MembershipChange.Reinstated, member.Approve(Organiser, Monday.AddDays(5)));
        Assert.Null(member.StatusReason);
        Assert.Equal(4, member.Version);
    }

    [Fact]
    public void Roles_go_to_approved_members_and_administrators_are_not_suspended()
    {
        var pending = Member.SignUp(Profile(), Monday);
        Assert.True(pending.ChangeRole("organiser", Monday).IsRefused);

        var admin = Member.FirstAdmin(Profile("admin@club.fr"), Monday);
        Assert.Equal(MemberStatus.Approved, admin.Status);
        Assert.True(admin.Suspend("essai", Monday).IsRefused);
        Assert.Same(MembershipChange.RoleChanged, admin.ChangeRole("organiser", Monday));
        Assert.Same(MembershipChange.Left, admin.Suspend("essai", Monday));
    }

    [Fact]
    public void Erasure_keeps_nothing_that_identifies_the_person_and_ends_the_membership_for_good()
    {
        var member = Member.SignUp(Profile(newsletter: true), Monday);
        member.Approve(Organiser, Monday);

        member.Erase(Monday.AddDays(10));

        Assert.Equal(MemberStatus.Erased, member.Status);
        Assert.Null(member.Email);
        Assert.DoesNotContain("Camille", member.DisplayName, StringComparison.Ordinal);
        Assert.Empty(member.Themes);
        Assert.Null(member.Consents.TermsAcceptedAt);
        Assert.Null(member.Consents.NewsletterAt);
        Assert.False(member.Notifications.EventAnnouncements);
        Assert.False(member.CanSignIn);
        Assert.True(member.Approve(Organiser, Monday.AddDays(11)).IsRefused);
        Assert.True(member.Suspend("x", Monday.AddDays(11)).IsRefused);
    }

    [Fact]
    public void A_consent_given_keeps_its_first_date_and_a_withdrawn_one_has_none()
    {
        var member = Member.SignUp(Profile(newsletter: true), Monday);

        member.ChangeProfile(Profile(newsletter: true), Monday.AddDays(1));
        Assert.Equal(Monday, member.Consents.NewsletterAt);
        member.ChangeProfile(Profile(newsletter: false), Monday.AddDays(2));
        Assert.Null(member.Consents.NewsletterAt);
        Assert.Equal(Monday, member.Consents.TermsAcceptedAt);
    }

    [Fact]
    public void A_confirmed_address_stays_confirmed_until_it_changes()
    {
        var member = Member.SignUp(Profile(), Monday);
        Assert.Null(member.EmailVerifiedAt);

        member.VerifyEmail(Monday.AddHours(2));
        member.ChangeProfile(Profile(newsletter: true), Monday.AddDays(1));
        Assert.Equal(Monday.AddHours(2), member.EmailVerifiedAt);
        member.ChangeProfile(Profile("camille.dupont@lievin.fr"), Monday.AddDays(2));
        Assert.Null(member.EmailVerifiedAt);
        Assert.Equal(4, member.Version);

        Assert.Equal(Monday, Member.FirstAdmin(Profile("admin@club.fr"), Monday).EmailVerifiedAt);
    }

    [Theory]
    [InlineData("  Camille.Dupont@Lens.FR ", "camille.dupont@lens.fr")]
    [InlineData("c+club@recyclerie-gohelle.fr", "c+club@recyclerie-gohelle.fr")]
    [InlineData("camille@lens", null)]
    [InlineData("camille lens.fr", null)]
    [InlineData("camille@@lens.fr", null)]
    [InlineData("Camille <camille@lens.fr>", null)]
    [InlineData("", null)]
    public void Email_addresses_are_normalised_or_refused(string text, string? expected) =>
        Assert.Equal(expected, EmailAddress.Normalise(text));
}
