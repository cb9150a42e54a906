using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gongzhi.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ProposalSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_participation_proposals_CreatedAt_JurisdictionCode",
                table: "participation_proposals",
                columns: new[] { "CreatedAt", "JurisdictionCode" });

            migrationBuilder.CreateIndex(
                name: "IX_participation_proposals_HotScore_JurisdictionCode",
                table: "participation_proposals",
                columns: new[] { "HotScore", "JurisdictionCode" });

            migrationBuilder.CreateIndex(
                name: "IX_participation_proposals_SupportCount_CreatedAt_Jurisdiction~",
                table: "participation_proposals",
                columns: new[] { "SupportCount", "CreatedAt", "JurisdictionCode" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_participation_proposals_CreatedAt_JurisdictionCode",
                table: "participation_proposals");

            migrationBuilder.DropIndex(
                name: "IX_participation_proposals_HotScore_JurisdictionCode",
                table: "participation_proposals");

            migrationBuilder.DropIndex(
                name: "IX_participation_proposals_SupportCount_CreatedAt_Jurisdiction~",
                table: "participation_proposals");
        }
    }
}
