using CircularPlatform.Notifications.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CircularPlatform.Notifications.Infrastructure.EntityConfigurations;

internal sealed class SigningSecretEntityTypeConfiguration : IEntityTypeConfiguration<SigningSecret>
{
    public void Configure(EntityTypeBuilder<SigningSecret> builder)
    {
        builder.ToTable("signing_secrets");
        builder.HasKey(s => s.Purpose);
        builder.Property(s => s.Purpose).HasMaxLength(40);
        builder.Property(s => s.Secret).IsRequired();
    }
}
