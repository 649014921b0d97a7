using CircularPlatform.Members.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CircularPlatform.Members.Infrastructure.EntityConfigurations;

internal sealed class MunicipalityEntityTypeConfiguration : IEntityTypeConfiguration<Municipality>
{
    public void Configure(EntityTypeBuilder<Municipality> builder)
    {
        builder.ToTable("municipalities");
        builder.HasKey(m => m.Name);
        builder.Property(m => m.Name).HasMaxLength(80);
        builder.HasData(Contracts.Municipalities.All.Select((name, index) => new Municipality { Name = name, Position = index + 1 }));
    }
}
