using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CircularPlatform.Notifications.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddPreferencesAndAudiences : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_notifications_MemberId_Cause",
                table: "notifications");

            migrationBuilder.AddColumn<bool>(
                name: "AllEvents",
                table: "recipients",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "DailyDigest",
                table: "recipients",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            // Members already copied keep both channels, as a new one gets them.
            migrationBuilder.AddColumn<bool>(
                name: "EmailWanted",
                table: "recipients",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<bool>(
                name: "InApp",
                table: "recipients",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<string>(
                name: "MutedThemes",
                table: "recipients",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<TimeOnly>(
                name: "QuietFrom",
                table: "recipients",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<TimeOnly>(
                name: "QuietUntil",
                table: "recipients",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "TopicsAsOf",
                table: "recipients",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<Guid>(
                name: "ArticleId",
                table: "notifications",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Address",
                table: "announcements",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CancellationReason",
                table: "announcements",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "CancelledAt",
                table: "announcements",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OnlineUrl",
                table: "announcements",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Sequence",
                table: "announcements",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "published_articles",
                columns: table => new
                {
                    ArticleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TitleFr = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    TitleEn = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Themes = table.Column<string>(type: "TEXT", nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_published_articles", x => x.ArticleId);
                });

            migrationBuilder.CreateTable(
                name: "registrants",
                columns: table => new
                {
                    RegistrationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MemberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    AsOf = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registrants", x => x.RegistrationId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_notifications_Cause_MemberId",
                table: "notifications",
                columns: new[] { "Cause", "MemberId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_registrants_EventId_Status",
                table: "registrants",
                columns: new[] { "EventId", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "published_articles");

            migrationBuilder.DropTable(
                name: "registrants");

            migrationBuilder.DropIndex(
                name: "IX_notifications_Cause_MemberId",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "AllEvents",
                table: "recipients");

            migrationBuilder.DropColumn(
                name: "DailyDigest",
                table: "recipients");

            migrationBuilder.DropColumn(
                name: "EmailWanted",
                table: "recipients");

            migrationBuilder.DropColumn(
                name: "InApp",
                table: "recipients");

            migrationBuilder.DropColumn(
                name: "MutedThemes",
                table: "recipients");

            migrationBuilder.DropColumn(
                name: "QuietFrom",
                table: "recipients");

            migrationBuilder.DropColumn(
                name: "QuietUntil",
                table: "recipients");

            migrationBuilder.DropColumn(
                name: "TopicsAsOf",
                table: "recipients");

            migrationBuilder.DropColumn(
                name: "ArticleId",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "Address",
                table: "announcements");

            migrationBuilder.DropColumn(
                name: "CancellationReason",
                table: "announcements");

            migrationBuilder.DropColumn(
                name: "CancelledAt",
                table: "announcements");

            migrationBuilder.DropColumn(
                name: "OnlineUrl",
                table: "announcements");

            migrationBuilder.DropColumn(
                name: "Sequence",
                table: "announcements");

            migrationBuilder.CreateIndex(
                name: "IX_notifications_MemberId_Cause",
                table: "notifications",
                columns: new[] { "MemberId", "Cause" },
                unique: true);
        }
    }
}
