using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gongzhi.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Incubation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "social_incubation_bases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Places = table.Column<int>(type: "INTEGER", nullable: false),
                    Occupied = table.Column<int>(type: "INTEGER", nullable: false),
                    Operator = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OperatorOrganisationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OperatorName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_social_incubation_bases", x => x.Id);
                    table.CheckConstraint("CK_social_incubation_bases_places", "\"Occupied\" >= 0 AND \"Occupied\" <= \"Places\"");
                });

            migrationBuilder.CreateTable(
                name: "social_incubation_records",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    BaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Need = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    AppliedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AdmittedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    MentorUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    MentorName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosingReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CreatedByUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_social_incubation_records", x => x.Id);
                    table.ForeignKey(
                        name: "FK_social_incubation_records_social_incubation_bases_BaseId",
                        column: x => x.BaseId,
                        principalTable: "social_incubation_bases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "social_capacity_assessments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecordId = table.Column<Guid>(type: "TEXT", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false),
                    On = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Assessor = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Governance = table.Column<int>(type: "INTEGER", nullable: false),
                    Finance = table.Column<int>(type: "INTEGER", nullable: false),
                    Projects = table.Column<int>(type: "INTEGER", nullable: false),
                    People = table.Column<int>(type: "INTEGER", nullable: false),
                    PublicTrust = table.Column<int>(type: "INTEGER", nullable: false),
                    Total = table.Column<int>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedByUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_social_capacity_assessments", x => x.Id);
                    table.CheckConstraint("CK_social_capacity_assessments_total", "\"Total\" = \"Governance\" + \"Finance\" + \"Projects\" + \"People\" + \"PublicTrust\"");
                    table.ForeignKey(
                        name: "FK_social_capacity_assessments_social_incubation_records_RecordId",
                        column: x => x.RecordId,
                        principalTable: "social_incubation_records",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "social_incubation_support",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecordId = table.Column<Guid>(type: "TEXT", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    On = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedByUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_social_incubation_support", x => x.Id);
                    table.CheckConstraint("CK_social_incubation_support_amount", "(\"Kind\" = 'Funds' AND \"Amount\" > 0) OR (\"Kind\" <> 'Funds' AND \"Amount\" IS NULL)");
                    table.ForeignKey(
                        name: "FK_social_incubation_support_social_incubation_records_RecordId",
                        column: x => x.RecordId,
                        principalTable: "social_incubation_records",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_social_capacity_assessments_CreatedByUserId_IdempotencyKey",
                table: "social_capacity_assessments",
                columns: new[] { "CreatedByUserId", "IdempotencyKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_social_capacity_assessments_RecordId_On",
                table: "social_capacity_assessments",
                columns: new[] { "RecordId", "On" });

            migrationBuilder.CreateIndex(
                name: "IX_social_incubation_bases_JurisdictionCode",
                table: "social_incubation_bases",
                column: "JurisdictionCode");

            migrationBuilder.CreateIndex(
                name: "IX_social_incubation_records_BaseId_Stage",
                table: "social_incubation_records",
                columns: new[] { "BaseId", "Stage" });

            migrationBuilder.CreateIndex(
                name: "IX_social_incubation_records_CreatedByUserId_IdempotencyKey",
                table: "social_incubation_records",
                columns: new[] { "CreatedByUserId", "IdempotencyKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_social_incubation_records_JurisdictionCode",
                table: "social_incubation_records",
                column: "JurisdictionCode");

            migrationBuilder.CreateIndex(
                name: "IX_social_incubation_records_open",
                table: "social_incubation_records",
                column: "OrganisationId",
                unique: true,
                filter: "\"Stage\" IN ('Applied', 'Incubating')");

            migrationBuilder.CreateIndex(
                name: "IX_social_incubation_support_CreatedByUserId_IdempotencyKey",
                table: "social_incubation_support",
                columns: new[] { "CreatedByUserId", "IdempotencyKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_social_incubation_support_RecordId_On",
                table: "social_incubation_support",
                columns: new[] { "RecordId", "On" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "social_capacity_assessments");

            migrationBuilder.DropTable(
                name: "social_incubation_support");

            migrationBuilder.DropTable(
                name: "social_incubation_records");

            migrationBuilder.DropTable(
                name: "social_incubation_bases");
        }
    }
}
