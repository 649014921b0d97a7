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
        builder.Property(a => a.TitleFr).HasMaxLength(200).IsRequired();
        builder.Property(a => a.TitleEn).HasMaxLength(200);
        builder.Property(a => a.SummaryFr).HasMaxLength(1000);
        builder.Property(a => a.SummaryEn).HasMaxLength(1000);
        builder.Property(a => a.BodyFr).IsRequired();
        builder.Property(a => a.Themes).IsRequired();
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        builder.Ignore(a => a.HasEnglish);
        builder.HasIndex(a => new { a.Status, a.PublishedAt });
    }
}
