using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CircularPlatform.Knowledge.Infrastructure.Migrations.Sqlite
{
    /// <summary>
    /// The published articles' full-text index (FTS5), kept by triggers in the transaction of every
    /// save (see docs/adr/0019 and <c>Search/SqliteArticleSearch</c>). The model does not know these
    /// tables: nothing reads them but the search.
    /// </summary>
    /// <remarks>
    /// A later migration that rebuilds <c>articles</c> (SQLite's way to alter a column) drops its
    /// triggers with it: such a migration must create them again (the search tests would fail).
    /// </remarks>
    public partial class AddArticleSearch : Migration
    {
        // The columns in FTS5's order, which bm25's weights and snippet()'s numbers follow.
        private const string Texts = """new."TitleFr", new."TitleEn", new."SummaryFr", new."SummaryEn", new."BodyFr", new."BodyEn" """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => CreateSearchIndex(migrationBuilder);

        /// <summary>This migration's index, which SearchInPublicationOrder's Down makes again.</summary>
        internal static void CreateSearchIndex(MigrationBuilder migrationBuilder)
        {
            // FTS5 numbers its rows with integers; an article's id is a Guid. Each article gets its
            // row number here once and keeps it (an implicit rowid of articles could change with VACUUM).
            migrationBuilder.Sql("""
                CREATE TABLE article_search_keys (
                    search_row INTEGER PRIMARY KEY,
                    article_id TEXT NOT NULL UNIQUE
                );
                """);
            // Case and accents folded ("ÉNERGIE" is "energie"), then Porter's English stemmer; no
            // French stemmer exists for FTS5. The table keeps its own copy of the texts, which
            // snippet() reads. A prefix index of three characters serves the short prefixes.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE article_search USING fts5(
                    title_fr, title_en, summary_fr, summary_en, body_fr, body_en,
                    tokenize = 'porter unicode61 remove_diacritics 2',
                    prefix = '3'
                );
                """);
            migrationBuilder.Sql("""INSERT INTO article_search_keys (article_id) SELECT "Id" FROM articles;""");
            migrationBuilder.Sql("""
                INSERT INTO article_search (rowid, title_fr, title_en, summary_fr, summary_en, body_fr, body_en)
                SELECT k.search_row, a."TitleFr", a."TitleEn", a."SummaryFr", a."SummaryEn", a."BodyFr", a."BodyEn"
                FROM articles AS a JOIN article_search_keys AS k ON k.article_id = a."Id"
                WHERE a."Status" = 'Published';
                """);

            // A search joins every match to its article for the list's filters: from this index
            // alone, without reading the article's row and its bodies.
            migrationBuilder.Sql("""
                CREATE INDEX article_search_filters ON articles ("Id", "Status", "PublishedAt", "Kind", "OrganisationId", "Themes");
                """);

            // Only published articles are in the index: drafts, articles under review and archived
            // ones are never found, and the index is the size of what readers may see.
            migrationBuilder.Sql($"""
                CREATE TRIGGER article_search_after_insert AFTER INSERT ON articles
                BEGIN
                    INSERT INTO article_search_keys (article_id) VALUES (new."Id");
                    INSERT INTO article_search (rowid, title_fr, title_en, summary_fr, summary_en, body_fr, body_en)
                    SELECT k.search_row, {Texts}
                    FROM article_search_keys AS k WHERE k.article_id = new."Id" AND new."Status" = 'Published';
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER article_search_after_update
                AFTER UPDATE OF "Status", "TitleFr", "TitleEn", "SummaryFr", "SummaryEn", "BodyFr", "BodyEn" ON articles
                BEGIN
                    DELETE FROM article_search WHERE rowid = (SELECT search_row FROM article_search_keys WHERE article_id = old."Id");
                    INSERT INTO article_search (rowid, title_fr, title_en, summary_fr, summary_en, body_fr, body_en)
                    SELECT k.search_row, {Texts}
                    FROM article_search_keys AS k WHERE k.article_id = new."Id" AND new."Status" = 'Published';
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER article_search_after_delete AFTER DELETE ON articles
                BEGIN
                    DELETE FROM article_search WHERE rowid = (SELECT search_row FROM article_search_keys WHERE article_id = old."Id");
                    DELETE FROM article_search_keys WHERE article_id = old."Id";
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER article_search_after_delete;");
            migrationBuilder.Sql("DROP TRIGGER article_search_after_update;");
            migrationBuilder.Sql("DROP TRIGGER article_search_after_insert;");
            migrationBuilder.Sql("DROP INDEX article_search_filters;");
            migrationBuilder.Sql("DROP TABLE article_search;");
            migrationBuilder.Sql("DROP TABLE article_search_keys;");
        }
    }
}
