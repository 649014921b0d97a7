using CircularPlatform.Knowledge.Model;
using Microsoft.EntityFrameworkCore;

namespace CircularPlatform.Knowledge.Infrastructure;

public class KnowledgeContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Article> Articles => Set<Article>();
    public DbSet<ArticleRevision> Revisions => Set<ArticleRevision>();
    public DbSet<ArticleAuthor> Authors => Set<ArticleAuthor>();
    public DbSet<ArticleAttachment> Attachments => Set<ArticleAttachment>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(KnowledgeContext).Assembly).AddMessagingTables();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.UseUtcDateTimes();
}
