using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gongzhi.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Social : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "social_activities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C"),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Place = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    StartsAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EndsAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Capacity = table.Column<int>(type: "integer", nullable: false),
                    Confirmed = table.Column<int>(type: "integer", nullable: false),
                    Waitlisted = table.Column<int>(type: "integer", nullable: false),
                    Arrivals = table.Column<long>(type: "bigint", nullable: false),
                    OrganisedByUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    OrganisedByName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_social_activities", x => x.Id);
                    table.CheckConstraint("CK_social_activities_capacity", "\"Confirmed\" <= \"Capacity\" AND \"Confirmed\" >= 0 AND \"Waitlisted\" >= 0");
                });

            migrationBuilder.CreateTable(
                name: "social_organisations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C"),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Field = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CreditCode = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: true, collation: "C"),
                    LegalRepresentativeProtected = table.Column<string>(type: "text", nullable: false),
                    LegalRepresentativeHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    LegalRepresentativeMasked = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ContactPhoneProtected = table.Column<string>(type: "text", nullable: false),
                    ContactPhoneHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ContactPhoneMasked = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    AnnualReport = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Rating = table.Column<int>(type: "integer", nullable: true),
                    RegisteredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_social_organisations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "social_projects",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C"),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Need = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Budget = table.Column<long>(type: "bigint", nullable: false),
                    Awarded = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_social_projects", x => x.Id);
                    table.CheckConstraint("CK_social_projects_budget", "\"Awarded\" <= \"Budget\" AND \"Awarded\" >= 0");
                });

            migrationBuilder.CreateTable(
                name: "social_rewards",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C"),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Cost = table.Column<long>(type: "bigint", nullable: false),
                    Stock = table.Column<int>(type: "integer", nullable: false),
                    Withdrawn = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_social_rewards", x => x.Id);
                    table.CheckConstraint("CK_social_rewards_stock", "\"Stock\" >= 0");
                });

            migrationBuilder.CreateTable(
                name: "social_volunteers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DisplayName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    JurisdictionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C"),
                    Skills = table.Column<string>(type: "text", nullable: false),
                    Availability = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    PointBalance = table.Column<long>(type: "bigint", nullable: false),
                    HoursTenths = table.Column<long>(type: "bigint", nullable: false),
                    RegisteredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_social_volunteers", x => x.Id);
                    table.CheckConstraint("CK_social_volunteers_balance", "\"PointBalance\" >= 0");
                });

            migrationBuilder.CreateTable(
                name: "social_activity_registrations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ActivityId = table.Column<Guid>(type: "uuid", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C"),
                    UserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DisplayName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Arrival = table.Column<long>(type: "bigint", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    RegisteredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ConfirmedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CancelledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CheckedInAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CheckedOutAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    HoursTenthsCredited = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_social_activity_registrations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_social_activity_registrations_social_activities_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "social_activities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "social_contracts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C"),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Amount = table.Column<long>(type: "bigint", nullable: false),
                    AwardedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_social_contracts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_social_contracts_social_projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "social_projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "social_point_movements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    VolunteerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Points = table.Column<long>(type: "bigint", nullable: false),
                    HoursTenths = table.Column<int>(type: "integer", nullable: false),
                    ReferenceId = table.Column<Guid>(type: "uuid", nullable: true),
                    Note = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_social_point_movements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_social_point_movements_social_volunteers_VolunteerId",
                        column: x => x.VolunteerId,
                        principalTable: "social_volunteers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "social_contract_milestones",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ContractId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C"),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Amount = table.Column<long>(type: "bigint", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Deliverable = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    DeliveredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AcceptedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PaidAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_social_contract_milestones", x => x.Id);
                    table.ForeignKey(
                        name: "FK_social_contract_milestones_social_contracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "social_contracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_social_activities_JurisdictionCode_StartsAt",
                table: "social_activities",
                columns: new[] { "JurisdictionCode", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_social_activities_StartsAt",
                table: "social_activities",
                column: "StartsAt");

            migrationBuilder.CreateIndex(
                name: "IX_social_activity_registrations_ActivityId_Arrival",
                table: "social_activity_registrations",
                columns: new[] { "ActivityId", "Arrival" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_social_activity_registrations_ActivityId_UserId",
                table: "social_activity_registrations",
                columns: new[] { "ActivityId", "UserId" },
                unique: true,
                filter: "\"Status\" <> 'Cancelled'");

            migrationBuilder.CreateIndex(
                name: "IX_social_activity_registrations_UserId_RegisteredAt",
                table: "social_activity_registrations",
                columns: new[] { "UserId", "RegisteredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_social_contract_milestones_ContractId_Number",
                table: "social_contract_milestones",
                columns: new[] { "ContractId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_social_contract_milestones_ProjectId",
                table: "social_contract_milestones",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_social_contracts_OrganisationId",
                table: "social_contracts",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_social_contracts_ProjectId",
                table: "social_contracts",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_social_organisations_ContactPhoneHash",
                table: "social_organisations",
                column: "ContactPhoneHash");

            migrationBuilder.CreateIndex(
                name: "IX_social_organisations_CreditCode",
                table: "social_organisations",
                column: "CreditCode",
                unique: true,
                filter: "\"CreditCode\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_social_organisations_JurisdictionCode",
                table: "social_organisations",
                column: "JurisdictionCode");

            migrationBuilder.CreateIndex(
                name: "IX_social_organisations_LegalRepresentativeHash",
                table: "social_organisations",
                column: "LegalRepresentativeHash");

            migrationBuilder.CreateIndex(
                name: "IX_social_point_movements_ReferenceId_Kind",
                table: "social_point_movements",
                columns: new[] { "ReferenceId", "Kind" },
                unique: true,
                filter: "\"Kind\" = 'ServiceHours'");

            migrationBuilder.CreateIndex(
                name: "IX_social_point_movements_VolunteerId_At",
                table: "social_point_movements",
                columns: new[] { "VolunteerId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_social_projects_JurisdictionCode_CreatedAt",
                table: "social_projects",
                columns: new[] { "JurisdictionCode", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_social_rewards_JurisdictionCode",
                table: "social_rewards",
                column: "JurisdictionCode");

            migrationBuilder.CreateIndex(
                name: "IX_social_volunteers_JurisdictionCode",
                table: "social_volunteers",
                column: "JurisdictionCode");

            migrationBuilder.CreateIndex(
                name: "IX_social_volunteers_UserId",
                table: "social_volunteers",
                column: "UserId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "social_activity_registrations");

            migrationBuilder.DropTable(
                name: "social_contract_milestones");

            migrationBuilder.DropTable(
                name: "social_organisations");

            migrationBuilder.DropTable(
                name: "social_point_movements");

            migrationBuilder.DropTable(
                name: "social_rewards");

            migrationBuilder.DropTable(
                name: "social_activities");

            migrationBuilder.DropTable(
                name: "social_contracts");

            migrationBuilder.DropTable(
                name: "social_volunteers");

            migrationBuilder.DropTable(
                name: "social_projects");
        }
    }
}
