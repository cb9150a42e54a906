using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Gongzhi.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Regimp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ArchivedAt",
                table: "registry_persons",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ErasedAt",
                table: "registry_persons",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "MovedAwayAt",
                table: "registry_persons",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "registry_department_grants",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C"),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Purpose = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    From = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Until = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    GrantedByUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    GrantedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RevokedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_department_grants", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "registry_import_jobs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C"),
                    CreatedByUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    IdempotencyKey = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    FileName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Encoding = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Content = table.Column<string>(type: "text", nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Total = table.Column<int>(type: "integer", nullable: false),
                    Processed = table.Column<int>(type: "integer", nullable: false),
                    Accepted = table.Column<int>(type: "integer", nullable: false),
                    Failed = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LeaseUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_import_jobs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "registry_import_errors",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    JobId = table.Column<Guid>(type: "uuid", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C"),
                    RowNumber = table.Column<int>(type: "integer", nullable: false),
                    Field = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Message = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "registry_department_grants");

            migrationBuilder.DropTable(
                name: "registry_import_errors");

            migrationBuilder.DropTable(
                name: "registry_import_jobs");

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
