using CircularPlatform.Contracts;
using CircularPlatform.Members.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CircularPlatform.Members.Infrastructure.EntityConfigurations;

internal sealed class ClubThemeEntityTypeConfiguration : IEntityTypeConfiguration<ClubTheme>
{
    public void Configure(EntityTypeBuilder<ClubTheme> builder)
    {
        builder.ToTable("themes");
        builder.HasKey(t => t.Slug);
        builder.Property(t => t.Slug).HasMaxLength(60);
        builder.Property(t => t.NameFr).HasMaxLength(200).IsRequired();
        builder.Property(t => t.NameEn).HasMaxLength(200).IsRequired();
        // One text column on every provider: seed data holding a PostgreSQL array would look changed
        // to EF Core on every build, and the codes are only ever read as a whole.
        builder.Property(t => t.WasteCodes).IsRequired().HasMaxLength(200).HasConversion(
            codes => string.Join(';', codes),
            text => text.Split(';', StringSplitOptions.RemoveEmptyEntries).ToList(),
            new ValueComparer<List<string>>(
                (left, right) => left!.SequenceEqual(right!),
                codes => codes.Aggregate(0, (hash, code) => HashCode.Combine(hash, code.GetHashCode(StringComparison.Ordinal))),
                codes => codes.ToList()));

        // The taxonomy is shared reference data (Contracts); a migration records each change to it.
        builder.HasData(Themes.All.Select((theme, index) => new ClubTheme
        {
            Slug = theme.Slug,
            NameFr = theme.Name.Fr,
            NameEn = theme.Name.En ?? theme.Name.Fr,
            WasteCodes = [.. theme.WasteCodes],
            Position = index + 1,
        }));
    }
}
