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
        // In the member's row: read with them, in the fan-out's one query.
        builder.OwnsOne(r => r.Preferences, preferences =>
        {
            preferences.Property(p => p.InApp).HasColumnName("InApp");
            preferences.Property(p => p.Email).HasColumnName("EmailWanted");
            preferences.Property(p => p.EventAnnouncements).HasColumnName("EventAnnouncements");
            preferences.Property(p => p.RegistrationUpdates).HasColumnName("RegistrationUpdates");
            // Members calls it the article digest; the column keeps its first name.
            preferences.Property(p => p.Articles).HasColumnName("ArticleDigest");
            preferences.Property(p => p.AllEvents).HasColumnName("AllEvents");
            preferences.Property(p => p.EmailEventAnnouncements).HasColumnName("EmailEventAnnouncements");
            preferences.Property(p => p.EmailArticles).HasColumnName("EmailArticles");
            preferences.Property(p => p.EmailRegistrationUpdates).HasColumnName("EmailRegistrationUpdates");
            preferences.Property(p => p.MutedThemes).HasColumnName("MutedThemes").IsRequired();
            preferences.Property(p => p.DailyDigest).HasColumnName("DailyDigest");
            preferences.Property(p => p.QuietFrom).HasColumnName("QuietFrom");
            preferences.Property(p => p.QuietUntil).HasColumnName("QuietUntil");
            preferences.Property(p => p.TopicsAsOf).HasColumnName("TopicsAsOf");
        });
        builder.Navigation(r => r.Preferences).IsRequired();
        // Who is told about an event on a theme: the active ones, read in batches.
        builder.HasIndex(r => r.Active);
    }
}
