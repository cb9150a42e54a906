using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gongzhi.Migrations.Sqlite.Migrations
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    LegalBasis = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    CategoryCodes = table.Column<string>(type: "TEXT", nullable: false),
                    ServiceItemCodes = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_duties", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "duty_decisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false),
                    CategoryCode = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    LeadOrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    YieldingOrganisationIds = table.Column<string>(type: "TEXT", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    DecidedByUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RoutingRuleId = table.Column<Guid>(type: "TEXT", nullable: false)
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
