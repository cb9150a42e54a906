using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gongzhi.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class TrainingEdits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "CancelledAt",
                table: "training_sessions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CancelledByUserId",
                table: "training_sessions",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "IdempotencyKey",
                table: "training_sessions",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "IdempotencyKey",
                table: "training_enrolments",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "WithdrawnAt",
                table: "training_enrolments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WithdrawnByUserId",
                table: "training_enrolments",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DefinedByUserId",
                table: "training_courses",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "IdempotencyKey",
                table: "training_courses",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "IdempotencyKey",
                table: "training_certificates",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RevocationReason",
                table: "training_certificates",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RevokedAt",
                table: "training_certificates",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RevokedByUserId",
                table: "training_certificates",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_training_sessions_OrganisedByUserId_IdempotencyKey",
                table: "training_sessions",
                columns: new[] { "OrganisedByUserId", "IdempotencyKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_training_enrolments_EnrolledByUserId_IdempotencyKey",
                table: "training_enrolments",
                columns: new[] { "EnrolledByUserId", "IdempotencyKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_training_courses_DefinedByUserId_IdempotencyKey",
                table: "training_courses",
                columns: new[] { "DefinedByUserId", "IdempotencyKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_training_certificates_RecordedByUserId_IdempotencyKey",
                table: "training_certificates",
                columns: new[] { "RecordedByUserId", "IdempotencyKey" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_training_sessions_OrganisedByUserId_IdempotencyKey",
                table: "training_sessions");

            migrationBuilder.DropIndex(
                name: "IX_training_enrolments_EnrolledByUserId_IdempotencyKey",
                table: "training_enrolments");

            migrationBuilder.DropIndex(
                name: "IX_training_courses_DefinedByUserId_IdempotencyKey",
                table: "training_courses");

            migrationBuilder.DropIndex(
                name: "IX_training_certificates_RecordedByUserId_IdempotencyKey",
                table: "training_certificates");

            migrationBuilder.DropColumn(
                name: "CancelledAt",
                table: "training_sessions");

            migrationBuilder.DropColumn(
                name: "CancelledByUserId",
                table: "training_sessions");

            migrationBuilder.DropColumn(
                name: "IdempotencyKey",
                table: "training_sessions");

            migrationBuilder.DropColumn(
                name: "IdempotencyKey",
                table: "training_enrolments");

            migrationBuilder.DropColumn(
                name: "WithdrawnAt",
                table: "training_enrolments");

            migrationBuilder.DropColumn(
                name: "WithdrawnByUserId",
                table: "training_enrolments");

            migrationBuilder.DropColumn(
                name: "DefinedByUserId",
                table: "training_courses");

            migrationBuilder.DropColumn(
                name: "IdempotencyKey",
                table: "training_courses");

            migrationBuilder.DropColumn(
                name: "IdempotencyKey",
                table: "training_certificates");

            migrationBuilder.DropColumn(
                name: "RevocationReason",
                table: "training_certificates");

            migrationBuilder.DropColumn(
                name: "RevokedAt",
                table: "training_certificates");

            migrationBuilder.DropColumn(
                name: "RevokedByUserId",
                table: "training_certificates");
        }
    }
}
