using CircularPlatform.Notifications.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CircularPlatform.Notifications.Infrastructure.EntityConfigurations;

internal sealed class AnnouncementEntityTypeConfiguration : IEntityTypeConfiguration<Announcement>
{
    public void Configure(EntityTypeBuilder<Announcement> builder)
    {
        builder.ToTable("announcements");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.HasIndex(a => a.EventId).IsUnique();
        builder.HasIndex(a => a.AnnouncedAt);
        builder.Property(a => a.TitleFr).HasMaxLength(200).IsRequired();
        builder.Property(a => a.TitleEn).HasMaxLength(200);
        builder.Property(a => a.Kind).HasMaxLength(40).IsRequired();
        builder.Property(a => a.Themes).IsRequired();
        builder.Property(a => a.Municipality).HasMaxLength(80);
        builder.Property(a => a.Venue).HasMaxLength(300);
        builder.Property(a => a.Address).HasMaxLength(300);
        builder.Property(a => a.OnlineUrl).HasMaxLength(2_000);
        builder.Property(a => a.CancellationReason).HasMaxLength(1_000);
        builder.Property(a => a.PracticalInformationFr).HasMaxLength(4_000);
        builder.Property(a => a.PracticalInformationEn).HasMaxLength(4_000);
        builder.Ignore(a => a.ReminderCause);
        // The reminder clock's look for what is due.
        builder.HasIndex(a => a.ReminderDueAt);
    }
}
