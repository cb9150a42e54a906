using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gongzhi.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class DutyLists : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "duties",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C"),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    LegalBasis = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    CategoryCodes = table.Column<string>(type: "text", nullable: false),
                    ServiceItemCodes = table.Column<string>(type: "text", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_duties", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "duty_decisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C"),
                    CategoryCode = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false, collation: "C"),
                    LeadOrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    YieldingOrganisationIds = table.Column<string>(type: "text", nullable: false),
                    Outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    DecidedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    DecidedByUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RoutingRuleId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_duty_decisions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_duties_JurisdictionCode",
                table: "duties",
                column: "JurisdictionCode");

            migrationBuilder.CreateIndex(
                name: "IX_duties_OrganisationId_JurisdictionCode",
                table: "duties",
                columns: new[] { "OrganisationId", "JurisdictionCode" });

            migrationBuilder.CreateIndex(
                name: "IX_duty_decisions_JurisdictionCode_CategoryCode",
                table: "duty_decisions",
                columns: new[] { "JurisdictionCode", "CategoryCode" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "duties");

            migrationBuilder.DropTable(
                name: "duty_decisions");
        }
    }
}
