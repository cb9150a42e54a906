using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gongzhi.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class GuestReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "participation_phone_codes");

            migrationBuilder.CreateTable(
                name: "case_follow_links",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    TokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_follow_links", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "case_supporters",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C"),
                    UserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    PhoneHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    PhoneProtected = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_supporters", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "phone_codes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PhoneHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    AddressHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CodeHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    UsedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_phone_codes", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_case_follow_links_CaseId",
                table: "case_follow_links",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_case_follow_links_TokenHash",
                table: "case_follow_links",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_case_supporters_CaseId_PhoneHash",
                table: "case_supporters",
                columns: new[] { "CaseId", "PhoneHash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_case_supporters_CaseId_UserId",
                table: "case_supporters",
                columns: new[] { "CaseId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_phone_codes_AddressHash_CreatedAt",
                table: "phone_codes",
                columns: new[] { "AddressHash", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_phone_codes_PhoneHash_CreatedAt",
                table: "phone_codes",
                columns: new[] { "PhoneHash", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "case_follow_links");

            migrationBuilder.DropTable(
                name: "case_supporters");

            migrationBuilder.DropTable(
                name: "phone_codes");

            migrationBuilder.CreateTable(
                name: "participation_phone_codes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AddressHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    CodeHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PhoneHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UsedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_participation_phone_codes", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_participation_phone_codes_AddressHash_CreatedAt",
                table: "participation_phone_codes",
                columns: new[] { "AddressHash", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_participation_phone_codes_PhoneHash_CreatedAt",
                table: "participation_phone_codes",
                columns: new[] { "PhoneHash", "CreatedAt" });
        }
    }
}
