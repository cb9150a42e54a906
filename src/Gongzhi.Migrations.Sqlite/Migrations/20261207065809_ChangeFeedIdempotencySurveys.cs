using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gongzhi.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ChangeFeedIdempotencySurveys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "idempotency_keys",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Fingerprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_idempotency_keys", x => new { x.UserId, x.Scope, x.Key });
                });

            migrationBuilder.CreateTable(
                name: "participation_survey_participations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SurveyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AccountId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    JurisdictionCode = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_participation_survey_participations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "participation_survey_responses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SurveyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RespondentAccountId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CommunityCode = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false),
                    AgeBand = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    SubmittedOn = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_participation_survey_responses", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "participation_surveys",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Intro = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    JurisdictionCode = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false),
                    Anonymous = table.Column<bool>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ClosesAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    OpenedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_participation_surveys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "participation_survey_answers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ResponseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SurveyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    QuestionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Choice = table.Column<int>(type: "INTEGER", nullable: true),
                    Rank = table.Column<int>(type: "INTEGER", nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_participation_survey_answers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_participation_survey_answers_participation_survey_responses_ResponseId",
                        column: x => x.ResponseId,
                        principalTable: "participation_survey_responses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "participation_survey_questions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SurveyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Required = table.Column<bool>(type: "INTEGER", nullable: false),
                    Options = table.Column<string>(type: "TEXT", nullable: false),
                    ScaleMax = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_participation_survey_questions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_participation_survey_questions_participation_surveys_SurveyId",
                        column: x => x.SurveyId,
                        principalTable: "participation_surveys",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_cases_UpdatedAt",
                table: "cases",
                column: "UpdatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_participation_survey_answers_ResponseId",
                table: "participation_survey_answers",
                column: "ResponseId");

            migrationBuilder.CreateIndex(
                name: "IX_participation_survey_answers_SurveyId_QuestionId",
                table: "participation_survey_answers",
                columns: new[] { "SurveyId", "QuestionId" });

            migrationBuilder.CreateIndex(
                name: "IX_participation_survey_participations_AccountId",
                table: "participation_survey_participations",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_participation_survey_participations_SurveyId_AccountId",
                table: "participation_survey_participations",
                columns: new[] { "SurveyId", "AccountId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_participation_survey_questions_SurveyId_Position",
                table: "participation_survey_questions",
                columns: new[] { "SurveyId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_participation_survey_responses_SurveyId",
                table: "participation_survey_responses",
                column: "SurveyId");

            migrationBuilder.CreateIndex(
                name: "IX_participation_surveys_JurisdictionCode_CreatedAt",
                table: "participation_surveys",
                columns: new[] { "JurisdictionCode", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "idempotency_keys");

            migrationBuilder.DropTable(
                name: "participation_survey_answers");

            migrationBuilder.DropTable(
                name: "participation_survey_participations");

            migrationBuilder.DropTable(
                name: "participation_survey_questions");

            migrationBuilder.DropTable(
                name: "participation_survey_responses");

            migrationBuilder.DropTable(
                name: "participation_surveys");

            migrationBuilder.DropIndex(
                name: "IX_cases_UpdatedAt",
                table: "cases");
        }
    }
}
