using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CircularPlatform.Members.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddMemberAccessVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "AccessVersion",
                table: "members",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AccessVersion",
                table: "members");
        }
    }
}
