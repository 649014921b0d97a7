using CircularPlatform.Knowledge.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CircularPlatform.Knowledge.Infrastructure.EntityConfigurations;

internal sealed class ArticleEntityTypeConfiguration : IEntityTypeConfiguration<Article>
{
    public void Configure(EntityTypeBuilder<Article> builder)
    {
        builder.ToTable("articles");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Kind).HasMaxLength(40).IsRequired();
        builder.Property(a => a.TitleFr).HasMaxLength(ArticleRules.TitleMaxLength).IsRequired();
        builder.Property(a => a.TitleEn).HasMaxLength(ArticleRules.TitleMaxLength);
        builder.Property(a => a.SummaryFr).HasMaxLength(ArticleRules.SummaryMaxLength);
        builder.Property(a => a.SummaryEn).HasMaxLength(ArticleRules.SummaryMaxLength);
        builder.Property(a => a.BodyFr).IsRequired();
        builder.Property(a => a.Themes).IsRequired();
        builder.Property(a => a.Tags).IsRequired();
        builder.Property(a => a.EligibilityFr).HasMaxLength(ArticleRules.EligibilityMaxLength);
        builder.Property(a => a.EligibilityEn).HasMaxLength(ArticleRules.EligibilityMaxLength);
        builder.Property(a => a.Link).HasMaxLength(ArticleRules.UrlMaxLength);
        builder.Property(a => a.ReviewComment).HasMaxLength(ArticleRules.CommentMaxLength);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.EnglishTranslation).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.CoAuthorIds).IsRequired();
        // Two saves from the same version: the second finds another one and is refused.
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.Ignore(a => a.HasEnglish);
        builder.Ignore(a => a.Content);
        builder.Ignore(a => a.Unsigned);
        builder.HasIndex(a => new { a.Status, a.PublishedAt });
        builder.HasIndex(a => a.AuthorId);
        // One feedback draft per event that took place, however often its completion is told.
        builder.HasIndex(a => a.FeedbackOfEventId).IsUnique();
    }
}
