using CircularPlatform.Knowledge.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CircularPlatform.Knowledge.Infrastructure.EntityConfigurations;

internal sealed class ArticleAuthorEntityTypeConfiguration : IEntityTypeConfiguration<ArticleAuthor>
{
    public void Configure(EntityTypeBuilder<ArticleAuthor> builder)
    {
        builder.ToTable("authors");
        builder.HasKey(a => a.MemberId);
        builder.Property(a => a.MemberId).ValueGeneratedNever();
        builder.Property(a => a.DisplayName).HasMaxLength(200);
    }
}
