using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gongzhi.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ServiceCentreWindowsAndDeadlines : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "AnnouncedAt",
                table: "service_queue_tickets",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Line",
                table: "service_queue_tickets",
                type: "TEXT",
                maxLength: 1,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTime>(
                name: "QueuedAt",
                table: "service_queue_tickets",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<int>(
                name: "Recalls",
                table: "service_queue_tickets",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Transfers",
                table: "service_queue_tickets",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateOnly>(
                name: "FollowUpLateFor",
                table: "service_applications",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "OverdueNoticeFor",
                table: "service_applications",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "RemindedFor",
                table: "service_applications",
                type: "TEXT",
                nullable: true);

            // Tickets taken before: their line is their own group's, their place the time they were taken.
            migrationBuilder.Sql("""UPDATE service_queue_tickets SET "Line" = "Prefix", "QueuedAt" = "TakenAt", "AnnouncedAt" = "CalledAt";""");
            // The index below cannot be built over a second waiting ticket of one person in one line, which two takes at the
            // same instant could leave: the later one is closed as not come, the earlier keeps the place.
            migrationBuilder.Sql("""
                UPDATE service_queue_tickets SET "State" = 'NoShow'
                WHERE "State" = 'Waiting' AND "HolderUserId" IS NOT NULL AND EXISTS (
                    SELECT 1 FROM service_queue_tickets o
                    WHERE o."HolderUserId" = service_queue_tickets."HolderUserId" AND o."GroupId" = service_queue_tickets."GroupId"
                      AND o."Day" = service_queue_tickets."Day" AND o."State" = 'Waiting' AND o."Number" < service_queue_tickets."Number");
                """);

            migrationBuilder.CreateIndex(
                name: "IX_service_queue_tickets_one_waiting_place",
                table: "service_queue_tickets",
                columns: new[] { "HolderUserId", "GroupId", "Day" },
                unique: true,
                filter: "\"State\" = 'Waiting' AND \"HolderUserId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_service_queue_tickets_one_waiting_place",
                table: "service_queue_tickets");

            migrationBuilder.DropColumn(
                name: "AnnouncedAt",
                table: "service_queue_tickets");

            migrationBuilder.DropColumn(
                name: "Line",
                table: "service_queue_tickets");

            migrationBuilder.DropColumn(
                name: "QueuedAt",
                table: "service_queue_tickets");

            migrationBuilder.DropColumn(
                name: "Recalls",
                table: "service_queue_tickets");

            migrationBuilder.DropColumn(
                name: "Transfers",
                table: "service_queue_tickets");

            migrationBuilder.DropColumn(
                name: "FollowUpLateFor",
                table: "service_applications");

            migrationBuilder.DropColumn(
                name: "OverdueNoticeFor",
                table: "service_applications");

            migrationBuilder.DropColumn(
                name: "RemindedFor",
                table: "service_applications");
        }
    }
}
