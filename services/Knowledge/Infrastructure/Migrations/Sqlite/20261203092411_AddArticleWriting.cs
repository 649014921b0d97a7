using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CircularPlatform.Knowledge.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddArticleWriting : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ArchivedAt",
                table: "articles",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "Deadline",
                table: "articles",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EligibilityEn",
                table: "articles",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EligibilityFr",
                table: "articles",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "EventId",
                table: "articles",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Link",
                table: "articles",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "OrganisationId",
                table: "articles",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReviewComment",
                table: "articles",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ReviewedBy",
                table: "articles",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "SubmittedAt",
                table: "articles",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Tags",
                table: "articles",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<DateTime>(
                name: "UpdatedAt",
                table: "articles",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "articles",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "article_revisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ArticleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    SavedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    SavedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Content = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_article_revisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_article_revisions_articles_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "articles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_articles_AuthorId",
                table: "articles",
                column: "AuthorId");

            migrationBuilder.CreateIndex(
                name: "IX_article_revisions_ArticleId_Number",
                table: "article_revisions",
                columns: new[] { "ArticleId", "Number" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "article_revisions");

            migrationBuilder.DropIndex(
                name: "IX_articles_AuthorId",
                table: "articles");

            migrationBuilder.DropColumn(
                name: "ArchivedAt",
                table: "articles");

            migrationBuilder.DropColumn(
                name: "Deadline",
                table: "articles");

            migrationBuilder.DropColumn(
                name: "EligibilityEn",
                table: "articles");

            migrationBuilder.DropColumn(
                name: "EligibilityFr",
                table: "articles");

            migrationBuilder.DropColumn(
                name: "EventId",
                table: "articles");

            migrationBuilder.DropColumn(
                name: "Link",
                table: "articles");

            migrationBuilder.DropColumn(
                name: "OrganisationId",
                table: "articles");

            migrationBuilder.DropColumn(
                name: "ReviewComment",
                table: "articles");

            migrationBuilder.DropColumn(
                name: "ReviewedBy",
                table: "articles");

            migrationBuilder.DropColumn(
                name: "SubmittedAt",
                table: "articles");

            migrationBuilder.DropColumn(
                name: "Tags",
                table: "articles");

            migrationBuilder.DropColumn(
                name: "UpdatedAt",
                table: "articles");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "articles");
        }
    }
}
