using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CircularPlatform.Notifications.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddMailTraceParent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "TraceParent",
                table: "mails",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "TraceParent",
                table: "mails");
        }
    }
}
