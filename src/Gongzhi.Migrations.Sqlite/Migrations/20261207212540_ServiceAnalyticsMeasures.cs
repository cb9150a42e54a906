using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gongzhi.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ServiceAnalyticsMeasures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "FollowUpOnTime",
                table: "service_applications",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "HandlingDays",
                table: "service_applications",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Visits",
                table: "service_applications",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Applications made before trips were counted: one for those submitted at the window. Whether materials were
            // brought there or sent online was not recorded, so those trips are not guessed. The handling days need the
            // working calendar and are filled at start (StoredMeasuresBackfill).
            migrationBuilder.Sql("UPDATE service_applications SET \"Visits\" = 1 WHERE \"Channel\" = 'Window'");

            migrationBuilder.CreateIndex(
                name: "IX_service_applications_area_measures",
                table: "service_applications",
                columns: new[] { "JurisdictionCode", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_service_applications_item_measures",
                table: "service_applications",
                columns: new[] { "ItemCode", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_service_applications_open",
                table: "service_applications",
                column: "JurisdictionCode",
                filter: "\"State\" IN ('Submitted', 'Accepted', 'AwaitingMaterials')");

            migrationBuilder.CreateIndex(
                name: "IX_service_applications_SubmittedAt_JurisdictionCode",
                table: "service_applications",
                columns: new[] { "SubmittedAt", "JurisdictionCode" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_service_applications_area_measures",
                table: "service_applications");

            migrationBuilder.DropIndex(
                name: "IX_service_applications_item_measures",
                table: "service_applications");

            migrationBuilder.DropIndex(
                name: "IX_service_applications_open",
                table: "service_applications");

            migrationBuilder.DropIndex(
                name: "IX_service_applications_SubmittedAt_JurisdictionCode",
                table: "service_applications");

            migrationBuilder.DropColumn(
                name: "FollowUpOnTime",
                table: "service_applications");

            migrationBuilder.DropColumn(
                name: "HandlingDays",
                table: "service_applications");

            migrationBuilder.DropColumn(
                name: "Visits",
                table: "service_applications");
        }
    }
}
