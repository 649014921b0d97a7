using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CircularPlatform.Knowledge.Infrastructure.Migrations.Sqlite
{
    /// <summary>
    /// The full-text index again, numbered in publication order, with the list's filters as words
    /// and the titles and summaries in a table of their own (see docs/adr/0021 and
    /// <c>Search/SqliteArticleSearch</c>): a page reads only the rows it shows.
    /// </summary>
    /// <remarks>
    /// A later migration that rebuilds <c>articles</c> (SQLite's way to alter a column) drops its
    /// triggers with it: such a migration must create them again (the search tests would fail).
    /// </remarks>
    public partial class SearchInPublicationOrder : Migration
    {
        /// <summary>
        /// An article's row: its publication time in milliseconds, times 4,096, plus one for each
        /// article already indexed in that millisecond (as SqliteArticleSearch.RowOf counts).
        /// </summary>
        private const string Row = """
            SELECT coalesce((SELECT max(search_row) + 1 FROM article_search_keys WHERE search_row BETWEEN t.row AND t.row + 4095), t.row)
            FROM (SELECT CAST(round((julianday(new."PublishedAt") - 2440587.5) * 86400000) AS INTEGER) * 4096 AS row) AS t
            """;

        /// <summary>Words for the list's filters, letters and digits only (as SqliteArticleSearch.Facets writes them).</summary>
        private const string Facets = """
            'published kind' || replace(new."Kind", '-', '')
                || coalesce(' org' || lower(replace(new."OrganisationId", '-', '')), '')
                || coalesce((SELECT group_concat(' theme' || replace(value, '-', ''), '') FROM json_each(new."Themes")), '')
                || CASE WHEN new."TitleEn" IS NOT NULL AND new."BodyEn" IS NOT NULL THEN ' english' ELSE '' END
            """;

        private static readonly string Index = $"""
            INSERT INTO article_search_keys (search_row, article_id)
            SELECT ({Row}), new."Id" WHERE new."Status" = 'Published' AND new."PublishedAt" IS NOT NULL;
            INSERT INTO article_search (rowid, title_fr, title_en, summary_fr, summary_en, body_fr, body_en, facets)
            SELECT k.search_row, new."TitleFr", new."TitleEn", new."SummaryFr", new."SummaryEn", new."BodyFr", new."BodyEn", {Facets}
            FROM article_search_keys AS k WHERE k.article_id = new."Id";
            INSERT INTO article_search_heads (rowid, title_fr, title_en, summary_fr, summary_en, facets)
            SELECT k.search_row, new."TitleFr", new."TitleEn", new."SummaryFr", new."SummaryEn", {Facets}
            FROM article_search_keys AS k WHERE k.article_id = new."Id";
            UPDATE article_search_version SET version = version + 1;
            """;

        private const string Unindex = """
            DELETE FROM article_search WHERE rowid = (SELECT search_row FROM article_search_keys WHERE article_id = old."Id");
            DELETE FROM article_search_heads WHERE rowid = (SELECT search_row FROM article_search_keys WHERE article_id = old."Id");
            DELETE FROM article_search_keys WHERE article_id = old."Id";
            UPDATE article_search_version SET version = version + 1;
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER article_search_after_delete;");
            migrationBuilder.Sql("DROP TRIGGER article_search_after_update;");
            migrationBuilder.Sql("DROP TRIGGER article_search_after_insert;");
            migrationBuilder.Sql("DROP INDEX article_search_filters;");
            migrationBuilder.Sql("DROP TABLE article_search;");
            migrationBuilder.Sql("DROP TABLE article_search_keys;");

            // Only published articles have a row: the index is the size of what readers may see.
            migrationBuilder.Sql("""
                CREATE TABLE article_search_keys (
                    search_row INTEGER PRIMARY KEY,
                    article_id TEXT NOT NULL UNIQUE
                );
                """);
            // Case and accents folded ("ÉNERGIE" is "energie"), then Porter's English stemmer; no
            // French stemmer exists for FTS5. article_search keeps its own copy of the texts, which
            // snippet() reads; the heads table finds the articles whose titles or summaries hold
            // the words without reading the bodies' matches. A prefix index of three characters
            // serves the short prefixes.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE article_search USING fts5(
                    title_fr, title_en, summary_fr, summary_en, body_fr, body_en, facets,
                    tokenize = 'porter unicode61 remove_diacritics 2',
                    prefix = '3'
                );
                """);
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE article_search_heads USING fts5(
                    title_fr, title_en, summary_fr, summary_en, facets,
                    tokenize = 'porter unicode61 remove_diacritics 2',
                    prefix = '3'
                );
                """);

            // The index's words, for the service's copy of them (Search/SearchVocabulary), and the
            // version of the index that copy is of, which every change counts up.
            migrationBuilder.Sql("CREATE VIRTUAL TABLE article_search_terms USING fts5vocab(article_search, row);");
            migrationBuilder.Sql("CREATE TABLE article_search_version (version INTEGER NOT NULL); INSERT INTO article_search_version VALUES (0);");

            migrationBuilder.Sql($"""
                CREATE TRIGGER article_search_after_insert AFTER INSERT ON articles
                BEGIN
                {Index}
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER article_search_after_update
                AFTER UPDATE OF "Status", "PublishedAt", "Kind", "Themes", "OrganisationId", "TitleFr", "TitleEn", "SummaryFr", "SummaryEn", "BodyFr", "BodyEn" ON articles
                BEGIN
                {Unindex}
                {Index}
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER article_search_after_delete AFTER DELETE ON articles
                BEGIN
                {Unindex}
                END;
                """);

            // The articles already published, through the update trigger: the same rows a save writes.
            migrationBuilder.Sql("""UPDATE articles SET "Status" = "Status" WHERE "Status" = 'Published';""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER article_search_after_delete;");
            migrationBuilder.Sql("DROP TRIGGER article_search_after_update;");
            migrationBuilder.Sql("DROP TRIGGER article_search_after_insert;");
            migrationBuilder.Sql("DROP TABLE article_search_version;");
            migrationBuilder.Sql("DROP TABLE article_search_terms;");
            migrationBuilder.Sql("DROP TABLE article_search_heads;");
            migrationBuilder.Sql("DROP TABLE article_search;");
            migrationBuilder.Sql("DROP TABLE article_search_keys;");
            AddArticleSearch.CreateSearchIndex(migrationBuilder);
        }
    }
}
