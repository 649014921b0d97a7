using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CircularPlatform.Knowledge.Infrastructure.Migrations.Postgres
{
    /// <summary>
    /// The titles and summaries' own tsvector, under a GIN index of the published rows: the list
    /// puts the articles whose titles or summaries hold the words first, and finds them without
    /// reading the bodies' vectors (see docs/adr/0021 and <c>Search/PostgresArticleSearch</c>).
    /// </summary>
    public partial class SearchInPublicationOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE articles ADD COLUMN head_vector tsvector GENERATED ALWAYS AS (
                    to_tsvector('club_french', coalesce("TitleFr", '')) ||
                    to_tsvector('club_english', coalesce("TitleEn", '')) ||
                    to_tsvector('club_french', coalesce("SummaryFr", '')) ||
                    to_tsvector('club_english', coalesce("SummaryEn", ''))
                ) STORED;
                """);
            migrationBuilder.Sql("""
                CREATE INDEX "IX_articles_head_vector" ON articles USING GIN (head_vector) WHERE "Status" = 'Published';
                """);
            // An organisation's articles newest first, and a theme's, without walking every article.
            migrationBuilder.Sql("""
                CREATE INDEX "IX_articles_published_by_organisation" ON articles ("OrganisationId", "PublishedAt") WHERE "Status" = 'Published';
                CREATE INDEX "IX_articles_published_themes" ON articles USING GIN ("Themes") WHERE "Status" = 'Published';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX "IX_articles_published_themes";""");
            migrationBuilder.Sql("""DROP INDEX "IX_articles_published_by_organisation";""");
            migrationBuilder.Sql("""DROP INDEX "IX_articles_head_vector";""");
            migrationBuilder.Sql("ALTER TABLE articles DROP COLUMN head_vector;");
        }
    }
}
