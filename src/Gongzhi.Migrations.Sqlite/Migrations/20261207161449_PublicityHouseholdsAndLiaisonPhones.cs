using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gongzhi.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PublicityHouseholdsAndLiaisonPhones : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "HouseholdKey",
                table: "participation_residents",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "HouseholdCount",
                table: "participation_proposals",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "HouseholdKey",
                table: "participation_proposal_supports",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "PerHousehold",
                table: "participation_ballots",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "HouseholdKey",
                table: "participation_ballot_participations",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LiaisonPhoneMasked",
                table: "conference_memberships",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LiaisonPhoneProtected",
                table: "conference_memberships",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "participation_publicity",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: false),
                    JurisdictionCode = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false),
                    BallotId = table.Column<Guid>(type: "TEXT", nullable: true),
                    WorkingDays = table.Column<int>(type: "INTEGER", nullable: false),
                    StartsAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndsAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PublishedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PublishedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_participation_publicity", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "participation_publicity_objections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PublicityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false),
                    ObjectorAccountId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ObjectorName = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    ObjectorCommunity = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    FiledAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Answer = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    AnsweredBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    AnsweredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_participation_publicity_objections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_participation_publicity_objections_participation_publicity_PublicityId",
                        column: x => x.PublicityId,
                        principalTable: "participation_publicity",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_participation_proposal_supports_ProposalId_HouseholdKey",
                table: "participation_proposal_supports",
                columns: new[] { "ProposalId", "HouseholdKey" });

            migrationBuilder.CreateIndex(
                name: "IX_participation_ballot_participations_BallotId_HouseholdKey",
                table: "participation_ballot_participations",
                columns: new[] { "BallotId", "HouseholdKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_participation_publicity_BallotId",
                table: "participation_publicity",
                column: "BallotId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_participation_publicity_JurisdictionCode_StartsAt",
                table: "participation_publicity",
                columns: new[] { "JurisdictionCode", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_participation_publicity_objections_PublicityId_ObjectorAccountId",
                table: "participation_publicity_objections",
                columns: new[] { "PublicityId", "ObjectorAccountId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "participation_publicity_objections");

            migrationBuilder.DropTable(
                name: "participation_publicity");

            migrationBuilder.DropIndex(
                name: "IX_participation_proposal_supports_ProposalId_HouseholdKey",
                table: "participation_proposal_supports");

            migrationBuilder.DropIndex(
                name: "IX_participation_ballot_participations_BallotId_HouseholdKey",
                table: "participation_ballot_participations");

            migrationBuilder.DropColumn(
                name: "HouseholdKey",
                table: "participation_residents");

            migrationBuilder.DropColumn(
                name: "HouseholdCount",
                table: "participation_proposals");

            migrationBuilder.DropColumn(
                name: "HouseholdKey",
                table: "participation_proposal_supports");

            migrationBuilder.DropColumn(
                name: "PerHousehold",
                table: "participation_ballots");

            migrationBuilder.DropColumn(
                name: "HouseholdKey",
                table: "participation_ballot_participations");

            migrationBuilder.DropColumn(
                name: "LiaisonPhoneMasked",
                table: "conference_memberships");

            migrationBuilder.DropColumn(
                name: "LiaisonPhoneProtected",
                table: "conference_memberships");
        }
    }
}
