using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CircularPlatform.Notifications.Infrastructure.Migrations.Postgres
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
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    DisplayName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    Language = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    Themes = table.Column<List<string>>(type: "text[]", nullable: false),
                    EventAnnouncements = table.Column<bool>(type: "boolean", nullable: false),
                    RegistrationUpdates = table.Column<bool>(type: "boolean", nullable: false),
                    ArticleDigest = table.Column<bool>(type: "boolean", nullable: false),
                    Active = table.Column<bool>(type: "boolean", nullable: false),
                    Erased = table.Column<bool>(type: "boolean", nullable: false),
                    ProfileAsOf = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    StatusAsOf = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
