using CircularPlatform.Notifications.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CircularPlatform.Notifications.Infrastructure.EntityConfigurations;

internal sealed class PublishedArticleEntityTypeConfiguration : IEntityTypeConfiguration<PublishedArticle>
{
    public void Configure(EntityTypeBuilder<PublishedArticle> builder)
    {
        builder.ToTable("published_articles");
        builder.HasKey(a => a.ArticleId);
        builder.Property(a => a.ArticleId).ValueGeneratedNever();
        builder.Property(a => a.TitleFr).HasMaxLength(300).IsRequired();
        builder.Property(a => a.TitleEn).HasMaxLength(300);
        builder.Property(a => a.Kind).HasMaxLength(40).IsRequired();
        builder.Property(a => a.Themes).IsRequired();
    }
}
