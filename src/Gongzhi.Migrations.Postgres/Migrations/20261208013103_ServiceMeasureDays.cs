using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gongzhi.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ServiceMeasureDays : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_service_applications_item_measures",
                table: "service_applications");

            migrationBuilder.AddColumn<string>(
                name: "Department",
                table: "service_items",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "service_measure_days",
                columns: table => new
                {
                    ItemCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, collation: "C"),
                    DistrictCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false, collation: "C"),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Level = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ItemVersion = table.Column<int>(type: "integer", nullable: false),
                    HandlingDays = table.Column<int>(type: "integer", nullable: false),
                    PromisedDays = table.Column<int>(type: "integer", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false),
                    Immediate = table.Column<int>(type: "integer", nullable: false),
                    Online = table.Column<int>(type: "integer", nullable: false),
                    Accepted = table.Column<int>(type: "integer", nullable: false),
                    OneSubmission = table.Column<int>(type: "integer", nullable: false),
                    NotAccepted = table.Column<int>(type: "integer", nullable: false),
                    Visits = table.Column<int>(type: "integer", nullable: false),
                    Rating1 = table.Column<int>(type: "integer", nullable: false),
                    Rating2 = table.Column<int>(type: "integer", nullable: false),
                    Rating3 = table.Column<int>(type: "integer", nullable: false),
                    Rating4 = table.Column<int>(type: "integer", nullable: false),
                    Rating5 = table.Column<int>(type: "integer", nullable: false),
                    FollowUps = table.Column<int>(type: "integer", nullable: false),
                    FollowUpsClosed = table.Column<int>(type: "integer", nullable: false),
                    FollowUpsOnTime = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_measure_days", x => new { x.ItemCode, x.DistrictCode, x.Day, x.Level, x.ItemVersion, x.HandlingDays, x.PromisedDays });
                });

            migrationBuilder.CreateIndex(
                name: "IX_service_applications_item_measures",
                table: "service_applications",
                columns: new[] { "ItemCode", "JurisdictionCode", "SubmittedAt" })
                .Annotation("Npgsql:IndexInclude", new[] { "State", "Immediate", "Channel", "PromisedDays", "HandlingDays", "MaterialRequests", "Visits", "Rating", "FollowUpDue", "FollowUpOnTime", "ItemVersion", "Level" });

            migrationBuilder.CreateIndex(
                name: "IX_service_applications_open_follow_ups",
                table: "service_applications",
                column: "FollowUpDue",
                filter: "\"FollowUpDue\" IS NOT NULL AND \"FollowUpOnTime\" IS NULL")
                .Annotation("Npgsql:IndexInclude", new[] { "ItemCode", "JurisdictionCode", "SubmittedAt", "Level", "ItemVersion", "HandlingDays", "PromisedDays" });

            migrationBuilder.CreateIndex(
                name: "IX_service_applications_unfilled_days",
                table: "service_applications",
                column: "Id",
                filter: "\"HandlingDays\" IS NULL AND \"DecidedAt\" IS NOT NULL AND \"AcceptedAt\" IS NOT NULL AND \"State\" <> 'NotAccepted'");

            migrationBuilder.CreateIndex(
                name: "IX_service_applications_unfilled_follow_ups",
                table: "service_applications",
                column: "Id",
                filter: "\"FollowUpOnTime\" IS NULL AND \"FollowUpClosedAt\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_service_measure_days_DistrictCode_Day",
                table: "service_measure_days",
                columns: new[] { "DistrictCode", "Day" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "service_measure_days");

            migrationBuilder.DropIndex(
                name: "IX_service_applications_item_measures",
                table: "service_applications");

            migrationBuilder.DropIndex(
                name: "IX_service_applications_open_follow_ups",
                table: "service_applications");

            migrationBuilder.DropIndex(
                name: "IX_service_applications_unfilled_days",
                table: "service_applications");

            migrationBuilder.DropIndex(
                name: "IX_service_applications_unfilled_follow_ups",
                table: "service_applications");

            migrationBuilder.DropColumn(
                name: "Department",
                table: "service_items");

            migrationBuilder.CreateIndex(
                name: "IX_service_applications_item_measures",
                table: "service_applications",
                columns: new[] { "ItemCode", "SubmittedAt" })
                .Annotation("Npgsql:IndexInclude", new[] { "JurisdictionCode", "State", "Immediate", "Channel", "PromisedDays", "HandlingDays", "MaterialRequests", "Visits", "Rating", "FollowUpDue", "FollowUpOnTime", "ItemVersion", "Level" });
        }
    }
}
