using CircularPlatform.Members.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CircularPlatform.Members.Infrastructure.EntityConfigurations;

internal sealed class SignInThrottleEntityTypeConfiguration : IEntityTypeConfiguration<SignInThrottle>
{
    public void Configure(EntityTypeBuilder<SignInThrottle> builder)
    {
        builder.ToTable("sign_in_throttles");
        builder.HasKey(t => t.Key);
        builder.Property(t => t.Key).HasMaxLength(64);
        // Old windows are purged by their start.
        builder.HasIndex(t => t.WindowStartedAt);
    }
}
