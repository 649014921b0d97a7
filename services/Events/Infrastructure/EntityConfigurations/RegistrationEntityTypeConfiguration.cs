using CircularPlatform.Events.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CircularPlatform.Events.Infrastructure.EntityConfigurations;

internal sealed class RegistrationEntityTypeConfiguration : IEntityTypeConfiguration<Registration>
{
    public void Configure(EntityTypeBuilder<Registration> builder)
    {
        builder.ToTable("registrations");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.HasOne<ClubEvent>().WithMany().HasForeignKey(r => r.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(r => r.DisplayName).HasMaxLength(EventRules.NameMaxLength);
        builder.Property(r => r.Email).HasMaxLength(EventRules.EmailMaxLength);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.CancelledBecause).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.CheckInCode).HasMaxLength(Registration.CodeLength).IsRequired();

        // Once per member and event, whichever replica takes the request.
        builder.HasIndex(r => new { r.EventId, r.MemberId }).IsUnique();
        builder.HasIndex(r => new { r.EventId, r.CheckInCode }).IsUnique();
        // The waitlist in arrival order, and an event's list by status.
        builder.HasIndex(r => new { r.EventId, r.Status, r.Arrival });
        // "My registrations".
        builder.HasIndex(r => r.MemberId);
    }
}
