using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gongzhi.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Participation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "participation_ballots",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    JurisdictionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C"),
                    OpensAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ClosesAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Secret = table.Column<bool>(type: "boolean", nullable: false),
                    HideResultsUntilClose = table.Column<bool>(type: "boolean", nullable: false),
                    Quorum = table.Column<int>(type: "integer", nullable: true),
                    CreatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_participation_ballots", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "participation_notices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false),
                    JurisdictionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C"),
                    RequiresAcknowledgement = table.Column<bool>(type: "boolean", nullable: false),
                    PublishedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_participation_notices", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "participation_proposals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: false),
                    JurisdictionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C"),
                    ProposerAccountId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ProposerName = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    SupportCount = table.Column<int>(type: "integer", nullable: false),
                    HotScore = table.Column<double>(type: "double precision", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SupportUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    OnAgendaAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Outcome = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    OutcomeText = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    OutcomeOwner = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    OutcomeDueAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_participation_proposals", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "participation_residents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AccountId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    JurisdictionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C"),
                    DisplayName = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    DeclaredAddress = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    DeclaredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_participation_residents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "participation_thresholds",
                columns: table => new
                {
                    JurisdictionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C"),
                    MinSupporters = table.Column<int>(type: "integer", nullable: true),
                    HouseholdShare = table.Column<decimal>(type: "numeric(6,4)", precision: 6, scale: 4, nullable: true),
                    Households = table.Column<int>(type: "integer", nullable: true),
                    WindowDays = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_participation_thresholds", x => x.JurisdictionCode);
                });

            migrationBuilder.CreateTable(
                name: "participation_ballot_options",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BallotId = table.Column<Guid>(type: "uuid", nullable: false),
                    Text = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_participation_ballot_options", x => x.Id);
                    table.ForeignKey(
                        name: "FK_participation_ballot_options_participation_ballots_BallotId",
                        column: x => x.BallotId,
                        principalTable: "participation_ballots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "participation_ballot_participations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BallotId = table.Column<Guid>(type: "uuid", nullable: false),
                    VoterAccountId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    JurisdictionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_participation_ballot_participations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_participation_ballot_participations_participation_ballots_B~",
                        column: x => x.BallotId,
                        principalTable: "participation_ballots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "participation_notice_receipts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    NoticeId = table.Column<Guid>(type: "uuid", nullable: false),
                    AccountId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ReaderName = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    ReaderCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C"),
                    JurisdictionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C"),
                    ReadAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_participation_notice_receipts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_participation_notice_receipts_participation_notices_NoticeId",
                        column: x => x.NoticeId,
                        principalTable: "participation_notices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "participation_proposal_comments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProposalId = table.Column<Guid>(type: "uuid", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C"),
                    AuthorAccountId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    AuthorName = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Body = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    HiddenReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    HiddenBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    HiddenAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_participation_proposal_comments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_participation_proposal_comments_participation_proposals_Pro~",
                        column: x => x.ProposalId,
                        principalTable: "participation_proposals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "participation_proposal_supports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProposalId = table.Column<Guid>(type: "uuid", nullable: false),
                    AccountId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    JurisdictionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C"),
                    SupportedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_participation_proposal_supports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_participation_proposal_supports_participation_proposals_Pro~",
                        column: x => x.ProposalId,
                        principalTable: "participation_proposals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "participation_ballot_votes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BallotId = table.Column<Guid>(type: "uuid", nullable: false),
                    OptionId = table.Column<Guid>(type: "uuid", nullable: false),
                    VoterAccountId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    JurisdictionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_participation_ballot_votes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_participation_ballot_votes_participation_ballot_options_Opt~",
                        column: x => x.OptionId,
                        principalTable: "participation_ballot_options",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_participation_ballot_votes_participation_ballots_BallotId",
                        column: x => x.BallotId,
                        principalTable: "participation_ballots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_participation_ballot_options_BallotId_Position",
                table: "participation_ballot_options",
                columns: new[] { "BallotId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_participation_ballot_participations_BallotId_VoterAccountId",
                table: "participation_ballot_participations",
                columns: new[] { "BallotId", "VoterAccountId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_participation_ballot_participations_VoterAccountId",
                table: "participation_ballot_participations",
                column: "VoterAccountId");

            migrationBuilder.CreateIndex(
                name: "IX_participation_ballot_votes_BallotId_OptionId",
                table: "participation_ballot_votes",
                columns: new[] { "BallotId", "OptionId" });

            migrationBuilder.CreateIndex(
                name: "IX_participation_ballot_votes_OptionId",
                table: "participation_ballot_votes",
                column: "OptionId");

            migrationBuilder.CreateIndex(
                name: "IX_participation_ballots_JurisdictionCode_ClosesAt",
                table: "participation_ballots",
                columns: new[] { "JurisdictionCode", "ClosesAt" });

            migrationBuilder.CreateIndex(
                name: "IX_participation_notice_receipts_NoticeId_AccountId",
                table: "participation_notice_receipts",
                columns: new[] { "NoticeId", "AccountId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_participation_notices_JurisdictionCode_PublishedAt",
                table: "participation_notices",
                columns: new[] { "JurisdictionCode", "PublishedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_participation_proposal_comments_ProposalId_CreatedAt",
                table: "participation_proposal_comments",
                columns: new[] { "ProposalId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_participation_proposal_supports_AccountId",
                table: "participation_proposal_supports",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_participation_proposal_supports_ProposalId_AccountId",
                table: "participation_proposal_supports",
                columns: new[] { "ProposalId", "AccountId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_participation_proposals_JurisdictionCode_CreatedAt",
                table: "participation_proposals",
                columns: new[] { "JurisdictionCode", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_participation_proposals_JurisdictionCode_HotScore",
                table: "participation_proposals",
                columns: new[] { "JurisdictionCode", "HotScore" });

            migrationBuilder.CreateIndex(
                name: "IX_participation_proposals_JurisdictionCode_SupportCount",
                table: "participation_proposals",
                columns: new[] { "JurisdictionCode", "SupportCount" });

            migrationBuilder.CreateIndex(
                name: "IX_participation_proposals_ProposerAccountId",
                table: "participation_proposals",
                column: "ProposerAccountId");

            migrationBuilder.CreateIndex(
                name: "IX_participation_residents_AccountId",
                table: "participation_residents",
                column: "AccountId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_participation_residents_JurisdictionCode_State",
                table: "participation_residents",
                columns: new[] { "JurisdictionCode", "State" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "participation_ballot_participations");

            migrationBuilder.DropTable(
                name: "participation_ballot_votes");

            migrationBuilder.DropTable(
                name: "participation_notice_receipts");

            migrationBuilder.DropTable(
                name: "participation_proposal_comments");

            migrationBuilder.DropTable(
                name: "participation_proposal_supports");

            migrationBuilder.DropTable(
                name: "participation_residents");

            migrationBuilder.DropTable(
                name: "participation_thresholds");

            migrationBuilder.DropTable(
                name: "participation_ballot_options");

            migrationBuilder.DropTable(
                name: "participation_notices");

            migrationBuilder.DropTable(
                name: "participation_proposals");

            migrationBuilder.DropTable(
                name: "participation_ballots");
        }
    }
}
