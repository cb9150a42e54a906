using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gongzhi.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class StaffTraining : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "training_certificates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false),
                    HolderUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    IssuedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ExpiresOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    EnrolmentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RecordedByUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_training_certificates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "training_courses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Hours = table.Column<int>(type: "INTEGER", nullable: false),
                    RequiredFor = table.Column<string>(type: "TEXT", nullable: false),
                    HasAssessment = table.Column<bool>(type: "INTEGER", nullable: false),
                    PassMark = table.Column<int>(type: "INTEGER", nullable: true),
                    CertificateKind = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    ValidityMonths = table.Column<int>(type: "INTEGER", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_training_courses", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "training_sessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false),
                    CourseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StartsAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndsAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Place = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Capacity = table.Column<int>(type: "INTEGER", nullable: false),
                    Enrolled = table.Column<int>(type: "INTEGER", nullable: false),
                    OrganisedByUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_training_sessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_training_sessions_training_courses_CourseId",
                        column: x => x.CourseId,
                        principalTable: "training_courses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "training_enrolments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false),
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CourseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SessionCode = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false),
                    StaffUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    EnrolledByUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    EnrolledAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Attended = table.Column<bool>(type: "INTEGER", nullable: true),
                    Score = table.Column<int>(type: "INTEGER", nullable: true),
                    Passed = table.Column<bool>(type: "INTEGER", nullable: true),
                    AssessedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_training_enrolments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_training_enrolments_training_sessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "training_sessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_training_certificates_EnrolmentId",
                table: "training_certificates",
                column: "EnrolmentId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_training_certificates_HolderUserId",
                table: "training_certificates",
                column: "HolderUserId");

            migrationBuilder.CreateIndex(
                name: "IX_training_certificates_JurisdictionCode",
                table: "training_certificates",
                column: "JurisdictionCode");

            migrationBuilder.CreateIndex(
                name: "IX_training_certificates_Kind_Number",
                table: "training_certificates",
                columns: new[] { "Kind", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_training_courses_Code",
                table: "training_courses",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_training_courses_JurisdictionCode",
                table: "training_courses",
                column: "JurisdictionCode");

            migrationBuilder.CreateIndex(
                name: "IX_training_enrolments_JurisdictionCode",
                table: "training_enrolments",
                column: "JurisdictionCode");

            migrationBuilder.CreateIndex(
                name: "IX_training_enrolments_SessionId_StaffUserId",
                table: "training_enrolments",
                columns: new[] { "SessionId", "StaffUserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_training_enrolments_StaffUserId_CourseId",
                table: "training_enrolments",
                columns: new[] { "StaffUserId", "CourseId" });

            migrationBuilder.CreateIndex(
                name: "IX_training_sessions_CourseId",
                table: "training_sessions",
                column: "CourseId");

            migrationBuilder.CreateIndex(
                name: "IX_training_sessions_JurisdictionCode_StartsAt",
                table: "training_sessions",
                columns: new[] { "JurisdictionCode", "StartsAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "training_certificates");

            migrationBuilder.DropTable(
                name: "training_enrolments");

            migrationBuilder.DropTable(
                name: "training_sessions");

            migrationBuilder.DropTable(
                name: "training_courses");
        }
    }
}
