using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CircularPlatform.Knowledge.Infrastructure.Migrations.Postgres
{
    /// <summary>
    /// The articles' full-text index: a stored generated tsvector, which PostgreSQL recomputes in
    /// the statement of every save, under a GIN index of the published rows (see docs/adr/0019 and
    /// <c>Search/PostgresArticleSearch</c>). The model does not know the column: nothing reads it
    /// but the search.
    /// </summary>
    public partial class AddArticleSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // unaccent ships with PostgreSQL (Debian's postgresql package includes it) and is a
            // trusted extension: the database's owner may create it.
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS unaccent;");
            // French and English as PostgreSQL knows them, accents taken off every word first, so
            // that "energie" is "énergie" and "ECONOMIE" "économie" before the stemmer sees them.
            migrationBuilder.Sql("""
                CREATE TEXT SEARCH CONFIGURATION club_french (COPY = pg_catalog.french);
                ALTER TEXT SEARCH CONFIGURATION club_french ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
                CREATE TEXT SEARCH CONFIGURATION club_english (COPY = pg_catalog.english);
                ALTER TEXT SEARCH CONFIGURATION club_english ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
                """);
            // Titles weigh most (A), then summaries (B), then bodies (C): ts_rank's weights.
            migrationBuilder.Sql("""
                ALTER TABLE articles ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('club_french', coalesce("TitleFr", '')), 'A') ||
                    setweight(to_tsvector('club_english', coalesce("TitleEn", '')), 'A') ||
                    setweight(to_tsvector('club_french', coalesce("SummaryFr", '')), 'B') ||
                    setweight(to_tsvector('club_english', coalesce("SummaryEn", '')), 'B') ||
                    setweight(to_tsvector('club_french', coalesce("BodyFr", '')), 'C') ||
                    setweight(to_tsvector('club_english', coalesce("BodyEn", '')), 'C')
                ) STORED;
                """);
            // Only published articles are searched: the index holds only them.
            migrationBuilder.Sql("""
                CREATE INDEX "IX_articles_search_vector" ON articles USING GIN (search_vector) WHERE "Status" = 'Published';
                """);
            // The reader's words to a tsquery. Each word is a quoted literal, never
            // tsquery syntax; it is stemmed as French or as English, since the reader may type
            // either; the last word is a prefix, being typed. A word one language drops as a stop
            // word ("the", "des") is left out: the other language's index does not hold it either.
            migrationBuilder.Sql("""
                CREATE FUNCTION article_search_query(words text[]) RETURNS tsquery
                LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
                AS $$
                    SELECT string_agg(format('((%s) | (%s))', fr::text, en::text), ' & ')::tsquery
                    FROM (
                        SELECT to_tsquery('club_french', '''' || replace(replace(w.word, '\', '\\'), '''', '''''') || '''' || CASE WHEN w.n = cardinality(words) THEN ':*' ELSE '' END) AS fr,
                               to_tsquery('club_english', '''' || replace(replace(w.word, '\', '\\'), '''', '''''') || '''' || CASE WHEN w.n = cardinality(words) THEN ':*' ELSE '' END) AS en
                        FROM unnest(words) WITH ORDINALITY AS w(word, n)
                    ) AS stemmed
                    WHERE numnode(fr) > 0 AND numnode(en) > 0
                $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION article_search_query(text[]);");
            migrationBuilder.Sql("""DROP INDEX "IX_articles_search_vector";""");
            migrationBuilder.Sql("ALTER TABLE articles DROP COLUMN search_vector;");
            migrationBuilder.Sql("DROP TEXT SEARCH CONFIGURATION club_english;");
            migrationBuilder.Sql("DROP TEXT SEARCH CONFIGURATION club_french;");
            migrationBuilder.Sql("DROP EXTENSION IF EXISTS unaccent;");
        }
    }
}
