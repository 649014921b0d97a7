using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CircularPlatform.Events.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddLifecycleAndRegistrations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Address",
                table: "events",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CalendarSequence",
                table: "events",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "CancellationReason",
                table: "events",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "CancelledAt",
                table: "events",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CheckedInCount",
                table: "events",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "CompletedAt",
                table: "events",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ConfirmedCount",
                table: "events",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Guid>(
                name: "CreatedBy",
                table: "events",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LastArrival",
                table: "events",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "OnlineUrl",
                table: "events",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RegistrationClosesAt",
                table: "events",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RegistrationOpensAt",
                table: "events",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "UpdatedAt",
                table: "events",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "events",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "WaitlistCount",
                table: "events",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "agenda",
                table: "events",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "organisers",
                table: "events",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "practical",
                table: "events",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "speakers",
                table: "events",
                type: "jsonb",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "registrations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    DisplayName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Arrival = table.Column<long>(type: "bigint", nullable: false),
                    RegisteredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ConfirmedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CancelledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CancelledBecause = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    CheckInCode = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    CheckedInAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registrations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_registrations_events_EventId",
                        column: x => x.EventId,
                        principalTable: "events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_registrations_EventId_CheckInCode",
                table: "registrations",
                columns: new[] { "EventId", "CheckInCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_registrations_EventId_MemberId",
                table: "registrations",
                columns: new[] { "EventId", "MemberId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_registrations_EventId_Status_Arrival",
                table: "registrations",
                columns: new[] { "EventId", "Status", "Arrival" });

            migrationBuilder.CreateIndex(
                name: "IX_registrations_MemberId",
                table: "registrations",
                column: "MemberId");

            // Events from before: their first version, last changed when created, no people nor agenda yet.
            migrationBuilder.Sql("UPDATE events SET \"Version\" = 1, \"UpdatedAt\" = \"CreatedAt\", organisers = '[]', speakers = '[]', agenda = '[]'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "registrations");

            migrationBuilder.DropColumn(
                name: "Address",
                table: "events");

            migrationBuilder.DropColumn(
                name: "CalendarSequence",
                table: "events");

            migrationBuilder.DropColumn(
                name: "CancellationReason",
                table: "events");

            migrationBuilder.DropColumn(
                name: "CancelledAt",
                table: "events");

            migrationBuilder.DropColumn(
                name: "CheckedInCount",
                table: "events");

            migrationBuilder.DropColumn(
                name: "CompletedAt",
                table: "events");

            migrationBuilder.DropColumn(
                name: "ConfirmedCount",
                table: "events");

            migrationBuilder.DropColumn(
                name: "CreatedBy",
                table: "events");

            migrationBuilder.DropColumn(
                name: "LastArrival",
                table: "events");

            migrationBuilder.DropColumn(
                name: "OnlineUrl",
                table: "events");

            migrationBuilder.DropColumn(
                name: "RegistrationClosesAt",
                table: "events");

            migrationBuilder.DropColumn(
                name: "RegistrationOpensAt",
                table: "events");

            migrationBuilder.DropColumn(
                name: "UpdatedAt",
                table: "events");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "events");

            migrationBuilder.DropColumn(
                name: "WaitlistCount",
                table: "events");

            migrationBuilder.DropColumn(
                name: "agenda",
                table: "events");

            migrationBuilder.DropColumn(
                name: "organisers",
                table: "events");

            migrationBuilder.DropColumn(
                name: "practical",
                table: "events");

            migrationBuilder.DropColumn(
                name: "speakers",
                table: "events");
        }
    }
}
