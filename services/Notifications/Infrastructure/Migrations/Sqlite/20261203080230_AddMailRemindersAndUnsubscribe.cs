using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CircularPlatform.Notifications.Infrastructure.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PracticalInformationFr",
                table: "announcements",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RemindedAt",
                table: "announcements",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ReminderDueAt",
                table: "announcements",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "mails",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MemberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Topic = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Cause = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    EventId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ArticleId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Position = table.Column<int>(type: "INTEGER", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    To = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Language = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    Link = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    LinkExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Digest = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DueAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    SentAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FailedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    WithdrawnAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mails", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "signing_secrets",
                columns: table => new
                {
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Secret = table.Column<byte[]>(type: "BLOB", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
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
