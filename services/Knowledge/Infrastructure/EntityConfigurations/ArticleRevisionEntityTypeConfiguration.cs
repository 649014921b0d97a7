using CircularPlatform.Knowledge.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CircularPlatform.Knowledge.Infrastructure.EntityConfigurations;

internal sealed class ArticleRevisionEntityTypeConfiguration : IEntityTypeConfiguration<ArticleRevision>
{
    public void Configure(EntityTypeBuilder<ArticleRevision> builder)
    {
        builder.ToTable("article_revisions");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Content).IsRequired();
        builder.HasOne<Article>().WithMany().HasForeignKey(r => r.ArticleId).OnDelete(DeleteBehavior.Cascade);
        // Not unique on purpose: two saves from one version are told apart by the article's
        // concurrency token, which rolls the loser's revision back with it (a unique index could
        // fail first, as an error instead of a refusal).
        builder.HasIndex(r => new { r.ArticleId, r.Number });
    }
}
