using CircularPlatform.Members.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CircularPlatform.Members.Infrastructure.EntityConfigurations;

internal sealed class OrganisationEntityTypeConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> builder)
    {
        builder.ToTable("organisations");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.Property(o => o.Name).HasMaxLength(OrganisationRules.NameMaxLength).IsRequired();
        builder.Property(o => o.Kind).HasMaxLength(40).IsRequired();
        builder.Property(o => o.Siret).HasMaxLength(Siret.Length);
        builder.Property(o => o.Municipality).HasMaxLength(OrganisationRules.MunicipalityMaxLength);
        builder.Property(o => o.Postcode).HasMaxLength(OrganisationRules.PostcodeLength);
        builder.Property(o => o.Address).HasMaxLength(OrganisationRules.AddressMaxLength);
        builder.Property(o => o.Sector).HasMaxLength(OrganisationRules.SectorMaxLength);
        builder.Property(o => o.Website).HasMaxLength(OrganisationRules.WebsiteMaxLength);
        builder.Property(o => o.DescriptionFr).HasMaxLength(OrganisationRules.DescriptionMaxLength);
        builder.Property(o => o.DescriptionEn).HasMaxLength(OrganisationRules.DescriptionMaxLength);
        builder.Property(o => o.Themes).IsRequired();
        builder.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
        // An integer the application increments works the same on SQLite and PostgreSQL, unlike a
        // database-generated row version (rowversion or xmin), which only one of them has.
        builder.Property(o => o.Version).IsConcurrencyToken();

        // One SIRET, one organisation; organisations without a SIRET (NULL) do not clash.
        builder.HasIndex(o => o.Siret).IsUnique();
        builder.HasIndex(o => new { o.Status, o.Name });
    }
}
