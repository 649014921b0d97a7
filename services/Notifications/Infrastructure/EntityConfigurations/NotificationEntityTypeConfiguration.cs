using CircularPlatform.Notifications.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CircularPlatform.Notifications.Infrastructure.EntityConfigurations;

internal sealed class NotificationEntityTypeConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("notifications");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.Property(n => n.Kind).HasConversion<string>().HasMaxLength(40);
        builder.Property(n => n.Cause).HasMaxLength(120).IsRequired();
        builder.Property(n => n.Reason).HasMaxLength(1_000);
        // Once per member and cause, whichever delivery or replica gets there first; cause first,
        // so that a fan-out finds in one look whom it has already told.
        builder.HasIndex(n => new { n.Cause, n.MemberId }).IsUnique();
        // A member's feed, newest first, and its unread ones.
        builder.HasIndex(n => new { n.MemberId, n.CreatedAt });
        builder.HasIndex(n => new { n.MemberId, n.ReadAt });
    }
}
