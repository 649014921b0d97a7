using CircularPlatform.Notifications.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CircularPlatform.Notifications.Infrastructure.EntityConfigurations;

internal sealed class RecipientEntityTypeConfiguration : IEntityTypeConfiguration<Recipient>
{
    public void Configure(EntityTypeBuilder<Recipient> builder)
    {
        builder.ToTable("recipients");
        builder.HasKey(r => r.MemberId);
        builder.Property(r => r.MemberId).ValueGeneratedNever();
        builder.Property(r => r.DisplayName).HasMaxLength(200);
        builder.Property(r => r.Email).HasMaxLength(320);
        builder.Property(r => r.Language).HasMaxLength(2).IsRequired();
        builder.Property(r => r.Themes).IsRequired();
        // Who is told about an event on a theme: the active ones, read in batches.
        builder.HasIndex(r => r.Active);
    }
}
