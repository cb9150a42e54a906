using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gongzhi.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Svcq : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "service_queue_counters",
                columns: table => new
                {
                    JurisdictionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C"),
                    Prefix = table.Column<string>(type: "character varying(1)", maxLength: 1, nullable: false),
                    Day = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Last = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_queue_counters", x => new { x.JurisdictionCode, x.Prefix, x.Day });
                });

            migrationBuilder.CreateTable(
                name: "service_queue_groups",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C"),
                    Prefix = table.Column<string>(type: "character varying(1)", maxLength: 1, nullable: false),
                    Name = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ItemCodes = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_queue_groups", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "service_appointment_slots",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C"),
                    GroupId = table.Column<Guid>(type: "uuid", nullable: false),
                    Prefix = table.Column<string>(type: "character varying(1)", maxLength: 1, nullable: false),
                    StartsAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EndsAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Capacity = table.Column<int>(type: "integer", nullable: false),
                    Booked = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_appointment_slots", x => x.Id);
                    table.ForeignKey(
                        name: "FK_service_appointment_slots_service_queue_groups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "service_queue_groups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "service_queue_tickets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C"),
                    GroupId = table.Column<Guid>(type: "uuid", nullable: false),
                    Prefix = table.Column<string>(type: "character varying(1)", maxLength: 1, nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Label = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Priority = table.Column<bool>(type: "boolean", nullable: false),
                    AppointmentId = table.Column<Guid>(type: "uuid", nullable: true),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    HolderUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    TakenByUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    IdempotencyKey = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    TakenAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CalledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Window = table.Column<int>(type: "integer", nullable: true),
                    CalledBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    WaitSeconds = table.Column<int>(type: "integer", nullable: true),
                    ServiceSeconds = table.Column<int>(type: "integer", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_queue_tickets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_service_queue_tickets_service_queue_groups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "service_queue_groups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "service_appointments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C"),
                    SlotId = table.Column<Guid>(type: "uuid", nullable: false),
                    ActiveSlotId = table.Column<Guid>(type: "uuid", nullable: true),
                    GroupId = table.Column<Guid>(type: "uuid", nullable: false),
                    Prefix = table.Column<string>(type: "character varying(1)", maxLength: 1, nullable: false),
                    StartsAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EndsAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ResidentUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    BookedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CancelledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CheckedInAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    TicketId = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_appointments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_service_appointments_service_appointment_slots_SlotId",
                        column: x => x.SlotId,
                        principalTable: "service_appointment_slots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_service_appointment_slots_GroupId",
                table: "service_appointment_slots",
                column: "GroupId");

            migrationBuilder.CreateIndex(
                name: "IX_service_appointment_slots_JurisdictionCode_StartsAt",
                table: "service_appointment_slots",
                columns: new[] { "JurisdictionCode", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_service_appointments_ActiveSlotId_ResidentUserId",
                table: "service_appointments",
                columns: new[] { "ActiveSlotId", "ResidentUserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_service_appointments_JurisdictionCode_StartsAt",
                table: "service_appointments",
                columns: new[] { "JurisdictionCode", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_service_appointments_ResidentUserId_StartsAt",
                table: "service_appointments",
                columns: new[] { "ResidentUserId", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_service_appointments_SlotId",
                table: "service_appointments",
                column: "SlotId");

            migrationBuilder.CreateIndex(
                name: "IX_service_queue_groups_JurisdictionCode_Prefix",
                table: "service_queue_groups",
                columns: new[] { "JurisdictionCode", "Prefix" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_service_queue_tickets_GroupId",
                table: "service_queue_tickets",
                column: "GroupId");

            migrationBuilder.CreateIndex(
                name: "IX_service_queue_tickets_HolderUserId",
                table: "service_queue_tickets",
                column: "HolderUserId");

            migrationBuilder.CreateIndex(
                name: "IX_service_queue_tickets_JurisdictionCode_Day_State",
                table: "service_queue_tickets",
                columns: new[] { "JurisdictionCode", "Day", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_service_queue_tickets_JurisdictionCode_Prefix_Day_Number",
                table: "service_queue_tickets",
                columns: new[] { "JurisdictionCode", "Prefix", "Day", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_service_queue_tickets_TakenByUserId_IdempotencyKey",
                table: "service_queue_tickets",
                columns: new[] { "TakenByUserId", "IdempotencyKey" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "service_appointments");

            migrationBuilder.DropTable(
                name: "service_queue_counters");

            migrationBuilder.DropTable(
                name: "service_queue_tickets");

            migrationBuilder.DropTable(
                name: "service_appointment_slots");

            migrationBuilder.DropTable(
                name: "service_queue_groups");
        }
    }
}
