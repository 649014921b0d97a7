using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CircularPlatform.Notifications.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddEmailOptOuts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Every member wanted these emails until now: the new opt-outs start on.
            migrationBuilder.AddColumn<bool>(
                name: "EmailArticles",
                table: "recipients",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<bool>(
                name: "EmailEventAnnouncements",
                table: "recipients",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<bool>(
                name: "EmailRegistrationUpdates",
                table: "recipients",
                type: "boolean",
                nullable: false,
                defaultValue: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "EmailArticles",
                table: "recipients");

            migrationBuilder.DropColumn(
                name: "EmailEventAnnouncements",
                table: "recipients");

            migrationBuilder.DropColumn(
                name: "EmailRegistrationUpdates",
                table: "recipients");
        }
    }
}
