using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gongzhi.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ServicesParticipationSocialForcesRegistry : Migration
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
                name: "registry_addresses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, collation: "C"),
                    JurisdictionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C"),
                    Road = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Number = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Compound = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Building = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Unit = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Floor = table.Column<int>(type: "integer", nullable: true),
                    Room = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Aliases = table.Column<string>(type: "text", nullable: false),
                    Lat = table.Column<double>(type: "double precision", nullable: true),
                    Lon = table.Column<double>(type: "double precision", nullable: true),
                    SearchText = table.Column<string>(type: "character varying(1200)", maxLength: 1200, nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_addresses", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "registry_devices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C"),
                    AddressId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Lat = table.Column<double>(type: "double precision", nullable: false),
                    Lon = table.Column<double>(type: "double precision", nullable: false),
                    KeyHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RegisteredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastEventAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_devices", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "registry_houses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AddressId = table.Column<Guid>(type: "uuid", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C"),
                    Type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    AreaSquareMeters = table.Column<decimal>(type: "numeric(9,2)", precision: 9, scale: 2, nullable: true),
                    Use = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    OwnerPersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    TenantPersonIds = table.Column<string>(type: "text", nullable: false),
                    RentalRegisteredFrom = table.Column<DateOnly>(type: "date", nullable: true),
                    RentalRegisteredUntil = table.Column<DateOnly>(type: "date", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_houses", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "registry_person_changes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C"),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ByUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ByName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Field = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Before = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    After = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    VisitId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_person_changes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "registry_persons",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C"),
                    Name = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    IdNumberProtected = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    IdNumberHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    IdNumberMasked = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    PhoneProtected = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    PhoneMasked = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    CareTagsProtected = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    Sex = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    BirthDate = table.Column<DateOnly>(type: "date", nullable: true),
                    ResidenceStatus = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Household = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Relation = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    AddressId = table.Column<Guid>(type: "uuid", nullable: true),
                    CareCadenceDays = table.Column<int>(type: "integer", nullable: true),
                    NextCareVisitDue = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastVisitedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_persons", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "registry_units",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C"),
                    AddressId = table.Column<Guid>(type: "uuid", nullable: true),
                    Name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    CreditCode = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false, collation: "C"),
                    Kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    ContactName = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    ContactPhoneProtected = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    ContactPhoneMasked = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    StaffCount = table.Column<int>(type: "integer", nullable: true),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_units", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "registry_visits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C"),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    AddressId = table.Column<Guid>(type: "uuid", nullable: true),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ByUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ByName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Lat = table.Column<double>(type: "double precision", nullable: true),
                    Lon = table.Column<double>(type: "double precision", nullable: true),
                    Notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Changes = table.Column<string>(type: "text", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: true),
                    CaseReference = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_visits", x => x.Id);
                });

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
                name: "registry_device_alarms",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DeviceId = table.Column<Guid>(type: "uuid", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C"),
                    Type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseReference = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    RaisedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Repeats = table.Column<int>(type: "integer", nullable: false),
                    RecoveredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
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
                name: "service_applications");

            migrationBuilder.DropTable(
                name: "service_item_versions");

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
                name: "participation_ballot_options");

            migrationBuilder.DropTable(
                name: "participation_notices");

            migrationBuilder.DropTable(
                name: "participation_proposals");

            migrationBuilder.DropTable(
                name: "registry_devices");

            migrationBuilder.DropTable(
                name: "service_items");

            migrationBuilder.DropTable(
                name: "social_activities");

            migrationBuilder.DropTable(
                name: "social_contracts");

            migrationBuilder.DropTable(
                name: "social_volunteers");

            migrationBuilder.DropTable(
                name: "participation_ballots");

            migrationBuilder.DropTable(
                name: "social_projects");
        }
    }
}
