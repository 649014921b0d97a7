using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CircularPlatform.Events.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddEventSearchText : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "events",
                type: "TEXT",
                nullable: false,
                defaultValue: "");
            migrationBuilder.Sql(SearchTextBackfill.Statement);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SearchText",
                table: "events");
        }
    }
}
