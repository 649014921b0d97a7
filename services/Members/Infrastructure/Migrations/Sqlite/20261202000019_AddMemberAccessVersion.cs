using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CircularPlatform.Members.Infrastructure.Migrations.Sqlite
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
                type: "INTEGER",
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
