using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CircularPlatform.Notifications.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddRecipients : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "recipients",
                columns: table => new
                {
                    MemberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    Language = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    Themes = table.Column<string>(type: "TEXT", nullable: false),
                    EventAnnouncements = table.Column<bool>(type: "INTEGER", nullable: false),
                    RegistrationUpdates = table.Column<bool>(type: "INTEGER", nullable: false),
                    ArticleDigest = table.Column<bool>(type: "INTEGER", nullable: false),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    Erased = table.Column<bool>(type: "INTEGER", nullable: false),
                    ProfileAsOf = table.Column<DateTime>(type: "TEXT", nullable: false),
                    StatusAsOf = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_recipients", x => x.MemberId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_recipients_Active",
                table: "recipients",
                column: "Active");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "recipients");
        }
    }
}
