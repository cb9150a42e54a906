using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gongzhi.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Registry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "registry_addresses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    JurisdictionCode = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false),
                    Road = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Compound = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Building = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Floor = table.Column<int>(type: "INTEGER", nullable: true),
                    Room = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Aliases = table.Column<string>(type: "TEXT", nullable: false),
                    Lat = table.Column<double>(type: "REAL", nullable: true),
                    Lon = table.Column<double>(type: "REAL", nullable: true),
                    SearchText = table.Column<string>(type: "TEXT", maxLength: 1200, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_addresses", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "registry_devices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false),
                    AddressId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Lat = table.Column<double>(type: "REAL", nullable: false),
                    Lon = table.Column<double>(type: "REAL", nullable: false),
                    KeyHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RegisteredAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastEventAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_devices", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "registry_houses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AddressId = table.Column<Guid>(type: "TEXT", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AreaSquareMeters = table.Column<decimal>(type: "TEXT", precision: 9, scale: 2, nullable: true),
                    Use = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OwnerPersonId = table.Column<Guid>(type: "TEXT", nullable: true),
                    TenantPersonIds = table.Column<string>(type: "TEXT", nullable: false),
                    RentalRegisteredFrom = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RentalRegisteredUntil = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_houses", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "registry_person_changes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ByUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Field = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Before = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    After = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    VisitId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_person_changes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "registry_persons",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    IdNumberProtected = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    IdNumberHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    IdNumberMasked = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    PhoneProtected = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    PhoneMasked = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    CareTagsProtected = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    Sex = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    BirthDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ResidenceStatus = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Household = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Relation = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    AddressId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CareCadenceDays = table.Column<int>(type: "INTEGER", nullable: true),
                    NextCareVisitDue = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastVisitedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_persons", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "registry_units",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false),
                    AddressId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    CreditCode = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    ContactName = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    ContactPhoneProtected = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    ContactPhoneMasked = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    StaffCount = table.Column<int>(type: "INTEGER", nullable: true),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_units", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "registry_visits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AddressId = table.Column<Guid>(type: "TEXT", nullable: true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ByUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Lat = table.Column<double>(type: "REAL", nullable: true),
                    Lon = table.Column<double>(type: "REAL", nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Changes = table.Column<string>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CaseReference = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_visits", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "registry_device_alarms",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DeviceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseReference = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    RaisedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Repeats = table.Column<int>(type: "INTEGER", nullable: false),
                    RecoveredAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_device_alarms", x => x.Id);
                    table.ForeignKey(
                        name: "FK_registry_device_alarms_registry_devices_DeviceId",
                        column: x => x.DeviceId,
                        principalTable: "registry_devices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_registry_addresses_Code",
                table: "registry_addresses",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_registry_addresses_JurisdictionCode_Compound_Building",
                table: "registry_addresses",
                columns: new[] { "JurisdictionCode", "Compound", "Building" });

            migrationBuilder.CreateIndex(
                name: "IX_registry_device_alarms_DeviceId_Type",
                table: "registry_device_alarms",
                columns: new[] { "DeviceId", "Type" },
                unique: true,
                filter: "\"RecoveredAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_registry_devices_JurisdictionCode",
                table: "registry_devices",
                column: "JurisdictionCode");

            migrationBuilder.CreateIndex(
                name: "IX_registry_houses_AddressId",
                table: "registry_houses",
                column: "AddressId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_registry_houses_OwnerPersonId",
                table: "registry_houses",
                column: "OwnerPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_registry_person_changes_PersonId_At",
                table: "registry_person_changes",
                columns: new[] { "PersonId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_registry_persons_AddressId",
                table: "registry_persons",
                column: "AddressId");

            migrationBuilder.CreateIndex(
                name: "IX_registry_persons_IdNumberHash",
                table: "registry_persons",
                column: "IdNumberHash");

            migrationBuilder.CreateIndex(
                name: "IX_registry_persons_JurisdictionCode_Name",
                table: "registry_persons",
                columns: new[] { "JurisdictionCode", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_registry_persons_JurisdictionCode_NextCareVisitDue",
                table: "registry_persons",
                columns: new[] { "JurisdictionCode", "NextCareVisitDue" });

            migrationBuilder.CreateIndex(
                name: "IX_registry_units_CreditCode",
                table: "registry_units",
                column: "CreditCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_registry_units_JurisdictionCode_Name",
                table: "registry_units",
                columns: new[] { "JurisdictionCode", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_registry_visits_JurisdictionCode_At",
                table: "registry_visits",
                columns: new[] { "JurisdictionCode", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_registry_visits_PersonId_At",
                table: "registry_visits",
                columns: new[] { "PersonId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "registry_addresses");

            migrationBuilder.DropTable(
                name: "registry_device_alarms");

            migrationBuilder.DropTable(
                name: "registry_houses");

            migrationBuilder.DropTable(
                name: "registry_person_changes");

            migrationBuilder.DropTable(
                name: "registry_persons");

            migrationBuilder.DropTable(
                name: "registry_units");

            migrationBuilder.DropTable(
                name: "registry_visits");

            migrationBuilder.DropTable(
                name: "registry_devices");
        }
    }
}
