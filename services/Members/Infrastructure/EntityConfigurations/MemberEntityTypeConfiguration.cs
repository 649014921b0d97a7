using CircularPlatform.Members.Infrastructure.Identity;
using CircularPlatform.Members.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CircularPlatform.Members.Infrastructure.EntityConfigurations;

internal sealed class MemberEntityTypeConfiguration : IEntityTypeConfiguration<Member>
{
    public void Configure(EntityTypeBuilder<Member> builder)
    {
        builder.ToTable("members");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.DisplayName).HasMaxLength(MemberRules.DisplayNameMaxLength).IsRequired();
        builder.Property(m => m.Email).HasMaxLength(MemberRules.EmailMaxLength);
        builder.Property(m => m.Role).HasMaxLength(20).IsRequired();
        builder.Property(m => m.Language).HasMaxLength(2).IsRequired();
        builder.Property(m => m.Themes).IsRequired();
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.StatusReason).HasMaxLength(MemberRules.ReasonMaxLength);
        builder.Property(m => m.Version).IsConcurrencyToken();
        builder.OwnsOne(m => m.Notifications);
        builder.Navigation(m => m.Notifications).IsRequired();
        builder.OwnsOne(m => m.Consents);
        builder.Navigation(m => m.Consents).IsRequired();

        // One email, one member; erased members keep none (NULL), so they never clash.
        builder.HasIndex(m => m.Email).IsUnique();
        builder.HasIndex(m => new { m.Status, m.DisplayName });
        builder.HasOne<Organisation>().WithMany().HasForeignKey(m => m.OrganisationId).OnDelete(DeleteBehavior.SetNull);
        // The account goes on erasure; the member row stays, anonymised.
        builder.HasOne<MemberAccount>().WithOne().HasForeignKey<MemberAccount>(a => a.Id).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RefreshTokenEntityTypeConfiguration : IEntityTypeConfiguration<RefreshToken>
{
    public void Configure(EntityTypeBuilder<RefreshToken> builder)
    {
        builder.ToTable("refresh_tokens");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Hash).HasMaxLength(64).IsRequired();
        builder.HasIndex(t => t.Hash).IsUnique();
        builder.HasIndex(t => t.FamilyId);
        builder.HasIndex(t => t.MemberId);
        builder.HasOne<Member>().WithMany().HasForeignKey(t => t.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SigningKeyEntityTypeConfiguration : IEntityTypeConfiguration<SigningKey>
{
    public void Configure(EntityTypeBuilder<SigningKey> builder)
    {
        builder.ToTable("signing_keys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).HasMaxLength(32);
        builder.Property(k => k.PrivateKey).IsRequired();
        builder.HasIndex(k => k.PublishedUntil);
    }
}
