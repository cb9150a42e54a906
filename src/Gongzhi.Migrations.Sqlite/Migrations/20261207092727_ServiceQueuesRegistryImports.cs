using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gongzhi.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ServiceQueuesRegistryImports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ArchivedAt",
                table: "registry_persons",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ErasedAt",
                table: "registry_persons",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "MovedAwayAt",
                table: "registry_persons",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "registry_department_grants",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    From = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Until = table.Column<DateTime>(type: "TEXT", nullable: false),
                    GrantedByUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    GrantedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RevokedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_department_grants", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "registry_import_jobs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false),
                    CreatedByUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Encoding = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Content = table.Column<string>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Total = table.Column<int>(type: "INTEGER", nullable: false),
                    Processed = table.Column<int>(type: "INTEGER", nullable: false),
                    Accepted = table.Column<int>(type: "INTEGER", nullable: false),
                    Failed = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LeaseUntil = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_import_jobs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "service_queue_counters",
                columns: table => new
                {
                    JurisdictionCode = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false),
                    Prefix = table.Column<string>(type: "TEXT", maxLength: 1, nullable: false),
                    Day = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Last = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_queue_counters", x => new { x.JurisdictionCode, x.Prefix, x.Day });
                });

            migrationBuilder.CreateTable(
                name: "service_queue_groups",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false),
                    Prefix = table.Column<string>(type: "TEXT", maxLength: 1, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ItemCodes = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_queue_groups", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "registry_import_errors",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    JobId = table.Column<Guid>(type: "TEXT", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false),
                    RowNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    Field = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_import_errors", x => x.Id);
                    table.ForeignKey(
                        name: "FK_registry_import_errors_registry_import_jobs_JobId",
                        column: x => x.JobId,
                        principalTable: "registry_import_jobs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "service_appointment_slots",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false),
                    GroupId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Prefix = table.Column<string>(type: "TEXT", maxLength: 1, nullable: false),
                    StartsAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndsAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Capacity = table.Column<int>(type: "INTEGER", nullable: false),
                    Booked = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false),
                    GroupId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Prefix = table.Column<string>(type: "TEXT", maxLength: 1, nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Priority = table.Column<bool>(type: "INTEGER", nullable: false),
                    AppointmentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    HolderUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    TakenByUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    TakenAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CalledAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Window = table.Column<int>(type: "INTEGER", nullable: true),
                    CalledBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    WaitSeconds = table.Column<int>(type: "INTEGER", nullable: true),
                    ServiceSeconds = table.Column<int>(type: "INTEGER", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false),
                    SlotId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ActiveSlotId = table.Column<Guid>(type: "TEXT", nullable: true),
                    GroupId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Prefix = table.Column<string>(type: "TEXT", maxLength: 1, nullable: false),
                    StartsAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndsAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ResidentUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    BookedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CancelledAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CheckedInAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    TicketId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
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
                name: "IX_registry_persons_ArchivedAt",
                table: "registry_persons",
                column: "ArchivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_registry_persons_MovedAwayAt",
                table: "registry_persons",
                column: "MovedAwayAt");

            migrationBuilder.CreateIndex(
                name: "IX_registry_department_grants_JurisdictionCode",
                table: "registry_department_grants",
                column: "JurisdictionCode");

            migrationBuilder.CreateIndex(
                name: "IX_registry_department_grants_OrganisationId_Until",
                table: "registry_department_grants",
                columns: new[] { "OrganisationId", "Until" });

            migrationBuilder.CreateIndex(
                name: "IX_registry_import_errors_JobId_RowNumber",
                table: "registry_import_errors",
                columns: new[] { "JobId", "RowNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_registry_import_jobs_CreatedByUserId_IdempotencyKey",
                table: "registry_import_jobs",
                columns: new[] { "CreatedByUserId", "IdempotencyKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_registry_import_jobs_JurisdictionCode_CreatedAt",
                table: "registry_import_jobs",
                columns: new[] { "JurisdictionCode", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_registry_import_jobs_State",
                table: "registry_import_jobs",
                column: "State");

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
                name: "registry_department_grants");

            migrationBuilder.DropTable(
                name: "registry_import_errors");

            migrationBuilder.DropTable(
                name: "service_appointments");

            migrationBuilder.DropTable(
                name: "service_queue_counters");

            migrationBuilder.DropTable(
                name: "service_queue_tickets");

            migrationBuilder.DropTable(
                name: "registry_import_jobs");

            migrationBuilder.DropTable(
                name: "service_appointment_slots");

            migrationBuilder.DropTable(
                name: "service_queue_groups");

            migrationBuilder.DropIndex(
                name: "IX_registry_persons_ArchivedAt",
                table: "registry_persons");

            migrationBuilder.DropIndex(
                name: "IX_registry_persons_MovedAwayAt",
                table: "registry_persons");

            migrationBuilder.DropColumn(
                name: "ArchivedAt",
                table: "registry_persons");

            migrationBuilder.DropColumn(
                name: "ErasedAt",
                table: "registry_persons");

            migrationBuilder.DropColumn(
                name: "MovedAwayAt",
                table: "registry_persons");
        }
    }
}
