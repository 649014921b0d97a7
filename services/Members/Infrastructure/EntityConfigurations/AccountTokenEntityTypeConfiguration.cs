using CircularPlatform.Members.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CircularPlatform.Members.Infrastructure.EntityConfigurations;

internal sealed class AccountTokenEntityTypeConfiguration : IEntityTypeConfiguration<AccountToken>
{
    public void Configure(EntityTypeBuilder<AccountToken> builder)
    {
        // "account_tokens" is Identity's own table.
        builder.ToTable("account_mail_tokens");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Purpose).HasConversion<string>().HasMaxLength(30);
        builder.Property(t => t.Hash).HasMaxLength(64).IsRequired();
        // Of two requests using one link at the same moment, or using it while a newer one voids
        // it, one saves and the other finds it changed.
        builder.Property(t => t.UsedAt).IsConcurrencyToken();
        builder.Property(t => t.VoidedAt).IsConcurrencyToken();
        builder.HasIndex(t => t.Hash).IsUnique();
        builder.HasIndex(t => new { t.MemberId, t.Purpose });
        builder.HasOne<Member>().WithMany().HasForeignKey(t => t.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}
