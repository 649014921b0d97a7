using CircularPlatform.Notifications.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CircularPlatform.Notifications.Infrastructure.EntityConfigurations;

internal sealed class MailEntityTypeConfiguration : IEntityTypeConfiguration<Mail>
{
    public void Configure(EntityTypeBuilder<Mail> builder)
    {
        builder.ToTable("mails");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(40);
        builder.Property(m => m.Topic).HasConversion<string>().HasMaxLength(40);
        builder.Property(m => m.Cause).HasMaxLength(120).IsRequired();
        builder.Property(m => m.Reason).HasMaxLength(1_000);
        builder.Property(m => m.To).HasMaxLength(320);
        builder.Property(m => m.DisplayName).HasMaxLength(200);
        builder.Property(m => m.Language).HasMaxLength(2);
        builder.Property(m => m.Link).HasMaxLength(2_000);
        builder.Property(m => m.LastError).HasMaxLength(1_000);
        builder.Property(m => m.TraceParent).HasMaxLength(64);
        builder.Ignore(m => m.Pending);
        // One email per member and cause, whichever delivery or replica gets there first.
        builder.HasIndex(m => new { m.Cause, m.MemberId }).IsUnique();
        // The postman's look for what is due, and a member's mail on erasure.
        builder.HasIndex(m => new { m.SentAt, m.FailedAt, m.WithdrawnAt, m.DueAt });
        builder.HasIndex(m => m.MemberId);
    }
}
