using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gongzhi.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Services : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "service_applications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Reference = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false, collation: "C"),
                    ItemId = table.Column<Guid>(type: "uuid", nullable: false),
                    ItemCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, collation: "C"),
                    ItemName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ItemVersion = table.Column<int>(type: "integer", nullable: false),
                    Level = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Immediate = table.Column<bool>(type: "boolean", nullable: false),
                    PromisedDays = table.Column<int>(type: "integer", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C"),
                    Channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ApplicantUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    SubmittedByUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    IdempotencyKey = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    ApplicantNameProtected = table.Column<string>(type: "text", nullable: false),
                    ApplicantNameMasked = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ApplicantIdNumberProtected = table.Column<string>(type: "text", nullable: false),
                    ApplicantIdNumberHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ApplicantIdNumberMasked = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ApplicantPhoneProtected = table.Column<string>(type: "text", nullable: false),
                    ApplicantPhoneHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ApplicantPhoneMasked = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    State = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AcceptedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: true),
                    PausedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    StoppedWorkingDays = table.Column<int>(type: "integer", nullable: false),
                    MaterialRequests = table.Column<int>(type: "integer", nullable: false),
                    Missing = table.Column<string>(type: "text", nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DeliveredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    PhotoIds = table.Column<string>(type: "text", nullable: false),
                    Steps = table.Column<string>(type: "text", nullable: false),
                    Rating = table.Column<int>(type: "integer", nullable: true),
                    RatingComment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    RatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FollowUpDue = table.Column<DateOnly>(type: "date", nullable: true),
                    FollowUpClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FollowUpAnswer = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_applications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "service_items",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, collation: "C"),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Level = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ResponsibleOrganisationId = table.Column<Guid>(type: "uuid", nullable: true),
                    LegalDays = table.Column<int>(type: "integer", nullable: false),
                    PromisedDays = table.Column<int>(type: "integer", nullable: false),
                    Immediate = table.Column<bool>(type: "boolean", nullable: false),
                    Materials = table.Column<string>(type: "text", nullable: false),
                    Fees = table.Column<string>(type: "text", nullable: false),
                    Online = table.Column<bool>(type: "boolean", nullable: false),
                    Visits = table.Column<int>(type: "integer", nullable: false),
                    LegalBasis = table.Column<string>(type: "text", nullable: false),
                    LifeEvents = table.Column<string>(type: "text", nullable: false),
                    VersionNumber = table.Column<int>(type: "integer", nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_items", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "service_item_versions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ItemId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    EffectiveFrom = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Level = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    LegalDays = table.Column<int>(type: "integer", nullable: false),
                    PromisedDays = table.Column<int>(type: "integer", nullable: false),
                    Immediate = table.Column<bool>(type: "boolean", nullable: false),
                    Materials = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_item_versions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_service_item_versions_service_items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "service_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_service_applications_ApplicantIdNumberHash",
                table: "service_applications",
                column: "ApplicantIdNumberHash");

            migrationBuilder.CreateIndex(
                name: "IX_service_applications_ApplicantUserId_SubmittedAt",
                table: "service_applications",
                columns: new[] { "ApplicantUserId", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_service_applications_ItemId",
                table: "service_applications",
                column: "ItemId");

            migrationBuilder.CreateIndex(
                name: "IX_service_applications_JurisdictionCode_State_SubmittedAt",
                table: "service_applications",
                columns: new[] { "JurisdictionCode", "State", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_service_applications_Reference",
                table: "service_applications",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_service_applications_SubmittedByUserId_IdempotencyKey",
                table: "service_applications",
                columns: new[] { "SubmittedByUserId", "IdempotencyKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_service_item_versions_ItemId_Number",
                table: "service_item_versions",
                columns: new[] { "ItemId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_service_items_Code",
                table: "service_items",
                column: "Code",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "service_applications");

            migrationBuilder.DropTable(
                name: "service_item_versions");

            migrationBuilder.DropTable(
                name: "service_items");
        }
    }
}
