using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CircularPlatform.Notifications.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddMailRemindersAndUnsubscribe : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PracticalInformationEn",
                table: "announcements",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PracticalInformationFr",
                table: "announcements",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RemindedAt",
                table: "announcements",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ReminderDueAt",
                table: "announcements",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "mails",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Topic = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Cause = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    EventId = table.Column<Guid>(type: "uuid", nullable: true),
                    ArticleId = table.Column<Guid>(type: "uuid", nullable: true),
                    Position = table.Column<int>(type: "integer", nullable: true),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    To = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    DisplayName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Language = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    Link = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    LinkExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Digest = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DueAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    LastError = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    SentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FailedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    WithdrawnAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mails", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "signing_secrets",
                columns: table => new
                {
                    Purpose = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Secret = table.Column<byte[]>(type: "bytea", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_signing_secrets", x => x.Purpose);
                });

            migrationBuilder.CreateIndex(
                name: "IX_announcements_ReminderDueAt",
                table: "announcements",
                column: "ReminderDueAt");

            migrationBuilder.CreateIndex(
                name: "IX_mails_Cause_MemberId",
                table: "mails",
                columns: new[] { "Cause", "MemberId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_mails_MemberId",
                table: "mails",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_mails_SentAt_FailedAt_WithdrawnAt_DueAt",
                table: "mails",
                columns: new[] { "SentAt", "FailedAt", "WithdrawnAt", "DueAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "mails");

            migrationBuilder.DropTable(
                name: "signing_secrets");

            migrationBuilder.DropIndex(
                name: "IX_announcements_ReminderDueAt",
                table: "announcements");

            migrationBuilder.DropColumn(
                name: "PracticalInformationEn",
                table: "announcements");

            migrationBuilder.DropColumn(
                name: "PracticalInformationFr",
                table: "announcements");

            migrationBuilder.DropColumn(
                name: "RemindedAt",
                table: "announcements");

            migrationBuilder.DropColumn(
                name: "ReminderDueAt",
                table: "announcements");
        }
    }
}
