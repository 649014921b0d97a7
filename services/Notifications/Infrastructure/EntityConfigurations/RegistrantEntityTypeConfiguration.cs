using CircularPlatform.Notifications.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CircularPlatform.Notifications.Infrastructure.EntityConfigurations;

internal sealed class RegistrantEntityTypeConfiguration : IEntityTypeConfiguration<Registrant>
{
    public void Configure(EntityTypeBuilder<Registrant> builder)
    {
        builder.ToTable("registrants");
        builder.HasKey(r => r.RegistrationId);
        builder.Property(r => r.RegistrationId).ValueGeneratedNever();
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        // Who is told that an event moved: its registrations still held.
        builder.HasIndex(r => new { r.EventId, r.Status });
    }
}
