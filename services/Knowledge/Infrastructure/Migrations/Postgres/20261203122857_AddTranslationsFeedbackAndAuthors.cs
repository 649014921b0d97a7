using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CircularPlatform.Knowledge.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddTranslationsFeedbackAndAuthors : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "AuthorForgotten",
                table: "articles",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<List<Guid>>(
                name: "CoAuthorIds",
                table: "articles",
                type: "uuid[]",
                nullable: false,
                defaultValueSql: "'{}'::uuid[]");

            migrationBuilder.AddColumn<string>(
                name: "EnglishTranslation",
                table: "articles",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "Missing");

            // Articles written before: their English, if any, was written for the French as it is.
            migrationBuilder.Sql("""UPDATE articles SET "EnglishTranslation" = 'Done' WHERE COALESCE("TitleEn", '') <> '' AND COALESCE("BodyEn", '') <> ''""");

            migrationBuilder.AddColumn<Guid>(
                name: "FeedbackOfEventId",
                table: "articles",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "authors",
                columns: table => new
                {
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    DisplayName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: true),
                    Forgotten = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_authors", x => x.MemberId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_articles_FeedbackOfEventId",
                table: "articles",
                column: "FeedbackOfEventId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "authors");

            migrationBuilder.DropIndex(
                name: "IX_articles_FeedbackOfEventId",
                table: "articles");

            migrationBuilder.DropColumn(
                name: "AuthorForgotten",
                table: "articles");

            migrationBuilder.DropColumn(
                name: "CoAuthorIds",
                table: "articles");

            migrationBuilder.DropColumn(
                name: "EnglishTranslation",
                table: "articles");

            migrationBuilder.DropColumn(
                name: "FeedbackOfEventId",
                table: "articles");
        }
    }
}
