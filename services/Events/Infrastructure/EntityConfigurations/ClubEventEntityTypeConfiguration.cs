using CircularPlatform.Events.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CircularPlatform.Events.Infrastructure.EntityConfigurations;

internal sealed class ClubEventEntityTypeConfiguration : IEntityTypeConfiguration<ClubEvent>
{
    public void Configure(EntityTypeBuilder<ClubEvent> builder)
    {
        builder.ToTable("events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.TitleFr).HasMaxLength(EventRules.TitleMaxLength).IsRequired();
        builder.Property(e => e.TitleEn).HasMaxLength(EventRules.TitleMaxLength);
        builder.Property(e => e.DescriptionFr).HasMaxLength(EventRules.DescriptionMaxLength);
        builder.Property(e => e.DescriptionEn).HasMaxLength(EventRules.DescriptionMaxLength);
        builder.Property(e => e.Kind).HasMaxLength(40).IsRequired();
        builder.Property(e => e.Themes).IsRequired();
        builder.Property(e => e.Municipality).HasMaxLength(80);
        builder.Property(e => e.Venue).HasMaxLength(EventRules.VenueMaxLength);
        builder.Property(e => e.Address).HasMaxLength(EventRules.AddressMaxLength);
        builder.Property(e => e.OnlineUrl).HasMaxLength(EventRules.UrlMaxLength);
        builder.Property(e => e.CancellationReason).HasMaxLength(EventRules.ReasonMaxLength);
        builder.Property(e => e.SearchText).IsRequired();
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
        // Two organisers editing at once: the second save finds another version and is refused (412).
        builder.Property(e => e.Version).IsConcurrencyToken();
        builder.Ignore(e => e.Place);

        // Shown with the event and never searched by: one JSON document each, not tables to join.
        builder.OwnsMany(e => e.Organisers, person => person.ToJson("organisers"));
        builder.OwnsMany(e => e.Speakers, person => person.ToJson("speakers"));
        builder.OwnsMany(e => e.Agenda, item => item.ToJson("agenda"));
        builder.OwnsOne(e => e.Practical, practical => practical.ToJson("practical"));

        builder.HasIndex(e => e.StartsAt);
        builder.HasIndex(e => new { e.Status, e.StartsAt });
    }
}
