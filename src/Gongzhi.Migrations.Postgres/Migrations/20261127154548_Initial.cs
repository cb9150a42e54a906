using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Gongzhi.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AspNetRoles",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    ScopeCode = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: true),
                    DisplayName = table.Column<string>(type: "text", nullable: false),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    PasswordHash = table.Column<string>(type: "text", nullable: true),
                    SecurityStamp = table.Column<string>(type: "text", nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true),
                    PhoneNumber = table.Column<string>(type: "text", nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    LockoutEnd = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "audit_entries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Actor = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ActorId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Action = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Subject = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SubjectKey = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    JurisdictionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C"),
                    RemoteIp = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Detail = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_entries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "calendar_days",
                columns: table => new
                {
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_calendar_days", x => x.Date);
                });

            migrationBuilder.CreateTable(
                name: "case_categories",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false, collation: "C"),
                    ParentCode = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true, collation: "C"),
                    NameZh = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    NameEn = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Keywords = table.Column<string>(type: "text", nullable: false),
                    AllowAnonymous = table.Column<bool>(type: "boolean", nullable: false),
                    DuplicateRadiusMeters = table.Column<int>(type: "integer", nullable: false),
                    DuplicateWindowHours = table.Column<int>(type: "integer", nullable: false),
                    Limits = table.Column<string>(type: "text", nullable: false),
                    Attributes = table.Column<string>(type: "text", nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    Active = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_categories", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "case_day_counters",
                columns: table => new
                {
                    StreetCode = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false, collation: "C"),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Registered = table.Column<int>(type: "integer", nullable: false),
                    Dispatched = table.Column<int>(type: "integer", nullable: false),
                    Accepted = table.Column<int>(type: "integer", nullable: false),
                    Resolved = table.Column<int>(type: "integer", nullable: false),
                    ResolvedOnTime = table.Column<int>(type: "integer", nullable: false),
                    EverResolved = table.Column<int>(type: "integer", nullable: false),
                    Reworked = table.Column<int>(type: "integer", nullable: false),
                    Returned = table.Column<int>(type: "integer", nullable: false),
                    Returns = table.Column<int>(type: "integer", nullable: false),
                    Extended = table.Column<int>(type: "integer", nullable: false),
                    Closed = table.Column<int>(type: "integer", nullable: false),
                    Rated = table.Column<int>(type: "integer", nullable: false),
                    Satisfied = table.Column<int>(type: "integer", nullable: false),
                    BasicallySatisfied = table.Column<int>(type: "integer", nullable: false),
                    Dissatisfied = table.Column<int>(type: "integer", nullable: false),
                    HandOffs = table.Column<int>(type: "integer", nullable: false),
                    Open = table.Column<int>(type: "integer", nullable: false),
                    Overdue = table.Column<int>(type: "integer", nullable: false),
                    Dispatches = table.Column<int>(type: "integer", nullable: false),
                    AcceptedOnTime = table.Column<int>(type: "integer", nullable: false),
                    MultiOrganisation = table.Column<int>(type: "integer", nullable: false),
                    ClosedAfterOverdue = table.Column<int>(type: "integer", nullable: false),
                    Waits = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_day_counters", x => new { x.Day, x.StreetCode });
                });

            migrationBuilder.CreateTable(
                name: "case_district_month_wait_counters",
                columns: table => new
                {
                    AreaCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false, collation: "C"),
                    Bucket = table.Column<int>(type: "integer", nullable: false),
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_district_month_wait_counters", x => new { x.Month, x.AreaCode, x.Bucket });
                });

            migrationBuilder.CreateTable(
                name: "case_import_jobs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C"),
                    CreatedByUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    IdempotencyKey = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    FileName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Content = table.Column<string>(type: "text", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    Total = table.Column<int>(type: "integer", nullable: false),
                    Processed = table.Column<int>(type: "integer", nullable: false),
                    Accepted = table.Column<int>(type: "integer", nullable: false),
                    Failed = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LeaseUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_import_jobs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "case_month_counters",
                columns: table => new
                {
                    StreetCode = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false, collation: "C"),
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    Registered = table.Column<int>(type: "integer", nullable: false),
                    Dispatched = table.Column<int>(type: "integer", nullable: false),
                    Accepted = table.Column<int>(type: "integer", nullable: false),
                    Resolved = table.Column<int>(type: "integer", nullable: false),
                    ResolvedOnTime = table.Column<int>(type: "integer", nullable: false),
                    EverResolved = table.Column<int>(type: "integer", nullable: false),
                    Reworked = table.Column<int>(type: "integer", nullable: false),
                    Returned = table.Column<int>(type: "integer", nullable: false),
                    Returns = table.Column<int>(type: "integer", nullable: false),
                    Extended = table.Column<int>(type: "integer", nullable: false),
                    Closed = table.Column<int>(type: "integer", nullable: false),
                    Rated = table.Column<int>(type: "integer", nullable: false),
                    Satisfied = table.Column<int>(type: "integer", nullable: false),
                    BasicallySatisfied = table.Column<int>(type: "integer", nullable: false),
                    Dissatisfied = table.Column<int>(type: "integer", nullable: false),
                    HandOffs = table.Column<int>(type: "integer", nullable: false),
                    Open = table.Column<int>(type: "integer", nullable: false),
                    Overdue = table.Column<int>(type: "integer", nullable: false),
                    Dispatches = table.Column<int>(type: "integer", nullable: false),
                    AcceptedOnTime = table.Column<int>(type: "integer", nullable: false),
                    MultiOrganisation = table.Column<int>(type: "integer", nullable: false),
                    ClosedAfterOverdue = table.Column<int>(type: "integer", nullable: false),
                    Waits = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_month_counters", x => new { x.Month, x.StreetCode });
                });

            migrationBuilder.CreateTable(
                name: "case_month_wait_counters",
                columns: table => new
                {
                    AreaCode = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false, collation: "C"),
                    Bucket = table.Column<int>(type: "integer", nullable: false),
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_month_wait_counters", x => new { x.Month, x.AreaCode, x.Bucket });
                });

            migrationBuilder.CreateTable(
                name: "case_reference_counters",
                columns: table => new
                {
                    CounterKey = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Next = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_reference_counters", x => x.CounterKey);
                });

            migrationBuilder.CreateTable(
                name: "case_wait_counters",
                columns: table => new
                {
                    AreaCode = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false, collation: "C"),
                    Bucket = table.Column<int>(type: "integer", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_wait_counters", x => new { x.Day, x.AreaCode, x.Bucket });
                });

            migrationBuilder.CreateTable(
                name: "cases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Reference = table.Column<string>(type: "character varying(22)", maxLength: 22, nullable: false, collation: "C"),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CategoryCode = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false, collation: "C"),
                    Urgency = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Latitude = table.Column<double>(type: "double precision", nullable: true),
                    Longitude = table.Column<double>(type: "double precision", nullable: true),
                    Address = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    JurisdictionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C"),
                    HandlingLevel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ReporterUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ReporterName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ReporterPhone = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Anonymous = table.Column<bool>(type: "boolean", nullable: false),
                    FollowerUserIds = table.Column<string>(type: "text", nullable: false),
                    PhotoIds = table.Column<string>(type: "text", nullable: false),
                    Attributes = table.Column<string>(type: "text", nullable: false),
                    IdempotencyKey = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    RejectionKind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    RejectionReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    LeadOrganisationId = table.Column<Guid>(type: "uuid", nullable: true),
                    AssistingOrganisationIds = table.Column<string>(type: "text", nullable: false),
                    Deadline = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DeadlineStep = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    ResolveDeadline = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ResolutionNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ResolutionPhotoIds = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RegisteredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DispatchedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AcceptedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ResolvedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    VerifiedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    EvaluatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Satisfaction = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                    EvaluationComment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    PendingExtensionHours = table.Column<double>(type: "double precision", nullable: true),
                    PendingExtensionReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    PendingExtensionRequestedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReturnCount = table.Column<int>(type: "integer", nullable: false),
                    ReworkCount = table.Column<int>(type: "integer", nullable: false),
                    ExtensionCount = table.Column<int>(type: "integer", nullable: false),
                    HandOffCount = table.Column<int>(type: "integer", nullable: false),
                    SupervisionCount = table.Column<int>(type: "integer", nullable: false),
                    ReopenCount = table.Column<int>(type: "integer", nullable: false),
                    Overdue = table.Column<bool>(type: "boolean", nullable: false),
                    OverdueMarkedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    MasterCaseId = table.Column<Guid>(type: "uuid", nullable: true),
                    DispatchCount = table.Column<int>(type: "integer", nullable: false),
                    AcceptedOnTime = table.Column<bool>(type: "boolean", nullable: true),
                    InvolvedOrganisationIds = table.Column<string>(type: "text", nullable: false),
                    InvolvedOrganisationCount = table.Column<int>(type: "integer", nullable: false),
                    EverOverdue = table.Column<bool>(type: "boolean", nullable: false),
                    LetGoAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    HandOverWaitHours = table.Column<string>(type: "text", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cases", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "conference_bodies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    JurisdictionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C"),
                    Level = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ParentBodyId = table.Column<Guid>(type: "uuid", nullable: true),
                    ConvenerOrganisationId = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_conference_bodies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "conference_directives",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    IssuingBodyId = table.Column<Guid>(type: "uuid", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C"),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RequiredActions = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Deadline = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    IssuedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_conference_directives", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "conference_escalations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C"),
                    FromBodyId = table.Column<Guid>(type: "uuid", nullable: false),
                    ToBodyId = table.Column<Guid>(type: "uuid", nullable: false),
                    FromMeetingId = table.Column<Guid>(type: "uuid", nullable: false),
                    FromAgendaItemId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    History = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ToMeetingId = table.Column<Guid>(type: "uuid", nullable: true),
                    Answer = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    EscalatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AnsweredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_conference_escalations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "conference_notices",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    Due = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_conference_notices", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FriendlyName = table.Column<string>(type: "text", nullable: true),
                    Xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "jurisdictions",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C"),
                    Name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Level = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ParentCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: true, collation: "C"),
                    BoundaryDerived = table.Column<bool>(type: "boolean", nullable: false),
                    Boundary = table.Column<string>(type: "text", nullable: true),
                    CentroidLat = table.Column<double>(type: "double precision", nullable: true),
                    CentroidLon = table.Column<double>(type: "double precision", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_jurisdictions", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "notifications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RecipientUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Link = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReadAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notifications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "open311_api_keys",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    KeyHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Prefix = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_open311_api_keys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "organisations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    Name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    NameEn = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    JurisdictionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C"),
                    ParentId = table.Column<Guid>(type: "uuid", nullable: true),
                    Phone = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Address = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Active = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_organisations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "routing_overrides",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseReference = table.Column<string>(type: "character varying(22)", maxLength: 22, nullable: false),
                    CategoryCode = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false, collation: "C"),
                    JurisdictionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C"),
                    SuggestedOrganisationId = table.Column<Guid>(type: "uuid", nullable: true),
                    SuggestedByRuleId = table.Column<Guid>(type: "uuid", nullable: true),
                    ChosenOrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ActorUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Actor = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_routing_overrides", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "routing_rules",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CategoryCode = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false, collation: "C"),
                    JurisdictionPrefix = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C"),
                    LeadOrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    AssistingOrganisationIds = table.Column<string>(type: "text", nullable: false),
                    Active = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_routing_rules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "stored_files",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Length = table.Column<long>(type: "bigint", nullable: false),
                    Width = table.Column<int>(type: "integer", nullable: false),
                    Height = table.Column<int>(type: "integer", nullable: false),
                    PublicVariantSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PublicVariantLength = table.Column<long>(type: "bigint", nullable: false),
                    Latitude = table.Column<double>(type: "double precision", nullable: true),
                    Longitude = table.Column<double>(type: "double precision", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedByUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    JurisdictionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: true, collation: "C"),
                    OwnerKey = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    AttachedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_stored_files", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoleClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RoleId = table.Column<string>(type: "text", nullable: false),
                    ClaimType = table.Column<string>(type: "text", nullable: true),
                    ClaimValue = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetRoleClaims_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<string>(type: "text", nullable: false),
                    ClaimType = table.Column<string>(type: "text", nullable: true),
                    ClaimValue = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "text", nullable: false),
                    ProviderKey = table.Column<string>(type: "text", nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "text", nullable: true),
                    UserId = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserRoles",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false),
                    RoleId = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false),
                    LoginProvider = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    Value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "case_import_errors",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    JobId = table.Column<Guid>(type: "uuid", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C"),
                    RowNumber = table.Column<int>(type: "integer", nullable: false),
                    Field = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Message = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_import_errors", x => x.Id);
                    table.ForeignKey(
                        name: "FK_case_import_errors_case_import_jobs_JobId",
                        column: x => x.JobId,
                        principalTable: "case_import_jobs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "case_deadline_notices",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Step = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Deadline = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    SentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_deadline_notices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_case_deadline_notices_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "case_events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Actor = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ActorUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ActorOrganisationId = table.Column<Guid>(type: "uuid", nullable: true),
                    Action = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    FromState = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ToState = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Data = table.Column<string>(type: "text", nullable: true),
                    JurisdictionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_events", x => x.Id);
                    table.ForeignKey(
                        name: "FK_case_events_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "whistles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseReference = table.Column<string>(type: "character varying(22)", maxLength: 22, nullable: false),
                    JurisdictionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C"),
                    BlownBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    BlownByUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    BlownAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    ReportInMinutes = table.Column<int>(type: "integer", nullable: false),
                    DueAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_whistles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_whistles_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "conference_cadences",
                columns: table => new
                {
                    BodyId = table.Column<Guid>(type: "uuid", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C"),
                    WeekOfMonth = table.Column<int>(type: "integer", nullable: false),
                    Day = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Time = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    Place = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    MonthsAhead = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_conference_cadences", x => x.BodyId);
                    table.ForeignKey(
                        name: "FK_conference_cadences_conference_bodies_BodyId",
                        column: x => x.BodyId,
                        principalTable: "conference_bodies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "conference_feed_items",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BodyId = table.Column<Guid>(type: "uuid", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C"),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Text = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    FileIds = table.Column<string>(type: "text", nullable: false),
                    PostedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    PostedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_conference_feed_items", x => x.Id);
                    table.ForeignKey(
                        name: "FK_conference_feed_items_conference_bodies_BodyId",
                        column: x => x.BodyId,
                        principalTable: "conference_bodies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "conference_meetings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BodyId = table.Column<Guid>(type: "uuid", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C"),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ScheduledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Place = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Agenda = table.Column<string>(type: "text", nullable: false),
                    Attendances = table.Column<string>(type: "text", nullable: false),
                    Minutes = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_conference_meetings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_conference_meetings_conference_bodies_BodyId",
                        column: x => x.BodyId,
                        principalTable: "conference_bodies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "conference_memberships",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BodyId = table.Column<Guid>(type: "uuid", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C"),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Representative = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Liaison = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    LiaisonPhone = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    JoinedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LeftAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_conference_memberships", x => x.Id);
                    table.ForeignKey(
                        name: "FK_conference_memberships_conference_bodies_BodyId",
                        column: x => x.BodyId,
                        principalTable: "conference_bodies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "conference_venues",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BodyId = table.Column<Guid>(type: "uuid", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C"),
                    OwnerOrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Capacity = table.Column<int>(type: "integer", nullable: false),
                    Address = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    OpeningHours = table.Column<string>(type: "text", nullable: false),
                    Withdrawn = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_conference_venues", x => x.Id);
                    table.ForeignKey(
                        name: "FK_conference_venues_conference_bodies_BodyId",
                        column: x => x.BodyId,
                        principalTable: "conference_bodies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "conference_directive_assignments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DirectiveId = table.Column<Guid>(type: "uuid", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C"),
                    NodeName = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    BodyId = table.Column<Guid>(type: "uuid", nullable: true),
                    Deadline = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AcknowledgedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AcknowledgedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Execution = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    EvidenceFileIds = table.Column<string>(type: "text", nullable: false),
                    ReportedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DoneAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_conference_directive_assignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_conference_directive_assignments_conference_directives_Dire~",
                        column: x => x.DirectiveId,
                        principalTable: "conference_directives",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "whistle_summons",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    WhistleId = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C"),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    SummonedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DueAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReportedInAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReportedInBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ReportedInByUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Missed = table.Column<bool>(type: "boolean", nullable: false),
                    MissedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_whistle_summons", x => x.Id);
                    table.ForeignKey(
                        name: "FK_whistle_summons_whistles_WhistleId",
                        column: x => x.WhistleId,
                        principalTable: "whistles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "conference_invitations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MeetingId = table.Column<Guid>(type: "uuid", nullable: false),
                    BodyId = table.Column<Guid>(type: "uuid", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C"),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    MembershipId = table.Column<Guid>(type: "uuid", nullable: false),
                    InvitedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_conference_invitations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_conference_invitations_conference_meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "conference_meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "conference_resolutions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BodyId = table.Column<Guid>(type: "uuid", nullable: false),
                    MeetingId = table.Column<Guid>(type: "uuid", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C"),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DoneAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_conference_resolutions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_conference_resolutions_conference_meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "conference_meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "conference_venue_bookings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    VenueId = table.Column<Guid>(type: "uuid", nullable: false),
                    BodyId = table.Column<Guid>(type: "uuid", nullable: false),
                    JurisdictionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C"),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: true),
                    BookedByUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    BookedByName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Purpose = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Start = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    End = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    RequestedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    DecisionNote = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_conference_venue_bookings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_conference_venue_bookings_conference_venues_VenueId",
                        column: x => x.VenueId,
                        principalTable: "conference_venues",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "conference_resolution_followers",
                columns: table => new
                {
                    ResolutionId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_conference_resolution_followers", x => new { x.ResolutionId, x.UserId });
                    table.ForeignKey(
                        name: "FK_conference_resolution_followers_conference_resolutions_Reso~",
                        column: x => x.ResolutionId,
                        principalTable: "conference_resolutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "conference_tasks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ResolutionId = table.Column<Guid>(type: "uuid", nullable: false),
                    BodyId = table.Column<Guid>(type: "uuid", nullable: false),
                    ParentTaskId = table.Column<Guid>(type: "uuid", nullable: true),
                    JurisdictionCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false, collation: "C"),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    OwnerOrganisationId = table.Column<Guid>(type: "uuid", nullable: true),
                    OwnerBodyId = table.Column<Guid>(type: "uuid", nullable: true),
                    Deadline = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Weight = table.Column<decimal>(type: "numeric(9,2)", precision: 9, scale: 2, nullable: false),
                    ProgressPercent = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    Reports = table.Column<string>(type: "text", nullable: false),
                    Accepted = table.Column<bool>(type: "boolean", nullable: false),
                    AcceptedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CompletedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_conference_tasks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_conference_tasks_conference_resolutions_ResolutionId",
                        column: x => x.ResolutionId,
                        principalTable: "conference_resolutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "conference_venue_slots",
                columns: table => new
                {
                    VenueId = table.Column<Guid>(type: "uuid", nullable: false),
                    Slot = table.Column<long>(type: "bigint", nullable: false),
                    BookingId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_conference_venue_slots", x => new { x.VenueId, x.Slot });
                    table.ForeignKey(
                        name: "FK_conference_venue_slots_conference_venue_bookings_BookingId",
                        column: x => x.BookingId,
                        principalTable: "conference_venue_bookings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetRoleClaims_RoleId",
                table: "AspNetRoleClaims",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "AspNetRoles",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserClaims_UserId",
                table: "AspNetUserClaims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserLogins_UserId",
                table: "AspNetUserLogins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserRoles_RoleId",
                table: "AspNetUserRoles",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_At",
                table: "audit_entries",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_JurisdictionCode_At",
                table: "audit_entries",
                columns: new[] { "JurisdictionCode", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_case_categories_Code",
                table: "case_categories",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_case_categories_ParentCode",
                table: "case_categories",
                column: "ParentCode");

            migrationBuilder.CreateIndex(
                name: "IX_case_deadline_notices_CaseId_Step_Deadline_Kind",
                table: "case_deadline_notices",
                columns: new[] { "CaseId", "Step", "Deadline", "Kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_case_events_At_overdue",
                table: "case_events",
                column: "At",
                filter: "\"Action\" = 'overdue'");

            migrationBuilder.CreateIndex(
                name: "IX_case_events_CaseId",
                table: "case_events",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_case_import_errors_JobId_RowNumber",
                table: "case_import_errors",
                columns: new[] { "JobId", "RowNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_case_import_jobs_CreatedByUserId_IdempotencyKey",
                table: "case_import_jobs",
                columns: new[] { "CreatedByUserId", "IdempotencyKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_case_import_jobs_JurisdictionCode_CreatedAt",
                table: "case_import_jobs",
                columns: new[] { "JurisdictionCode", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_case_import_jobs_State",
                table: "case_import_jobs",
                column: "State");

            migrationBuilder.CreateIndex(
                name: "IX_cases_CategoryCode_Latitude",
                table: "cases",
                columns: new[] { "CategoryCode", "Latitude" });

            migrationBuilder.CreateIndex(
                name: "IX_cases_CreatedAt",
                table: "cases",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_cases_Deadline_Reference",
                table: "cases",
                columns: new[] { "Deadline", "Reference" },
                filter: "\"Deadline\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_cases_JurisdictionCode_State_Deadline",
                table: "cases",
                columns: new[] { "JurisdictionCode", "State", "Deadline" });

            migrationBuilder.CreateIndex(
                name: "IX_cases_LeadOrganisationId_State",
                table: "cases",
                columns: new[] { "LeadOrganisationId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_cases_MasterCaseId",
                table: "cases",
                column: "MasterCaseId",
                filter: "\"MasterCaseId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_cases_overdue",
                table: "cases",
                columns: new[] { "JurisdictionCode", "Deadline" },
                filter: "\"Overdue\"");

            migrationBuilder.CreateIndex(
                name: "IX_cases_Overdue_Deadline",
                table: "cases",
                columns: new[] { "Overdue", "Deadline" },
                filter: "\"Deadline\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_cases_Reference",
                table: "cases",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_cases_ReporterUserId_IdempotencyKey",
                table: "cases",
                columns: new[] { "ReporterUserId", "IdempotencyKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_cases_submitted",
                table: "cases",
                column: "JurisdictionCode",
                filter: "\"State\" = 'Submitted'");

            migrationBuilder.CreateIndex(
                name: "IX_cases_waits",
                table: "cases",
                columns: new[] { "JurisdictionCode", "RegisteredAt" },
                filter: "\"ReturnCount\" > 0 OR \"HandOffCount\" > \"DispatchCount\"")
                .Annotation("Npgsql:IndexInclude", new[] { "HandOverWaitHours" });

            migrationBuilder.CreateIndex(
                name: "IX_conference_bodies_JurisdictionCode",
                table: "conference_bodies",
                column: "JurisdictionCode");

            migrationBuilder.CreateIndex(
                name: "IX_conference_bodies_ParentBodyId",
                table: "conference_bodies",
                column: "ParentBodyId");

            migrationBuilder.CreateIndex(
                name: "IX_conference_directive_assignments_DirectiveId_JurisdictionCo~",
                table: "conference_directive_assignments",
                columns: new[] { "DirectiveId", "JurisdictionCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_conference_directive_assignments_JurisdictionCode_Execution",
                table: "conference_directive_assignments",
                columns: new[] { "JurisdictionCode", "Execution" });

            migrationBuilder.CreateIndex(
                name: "IX_conference_directives_IssuingBodyId",
                table: "conference_directives",
                column: "IssuingBodyId");

            migrationBuilder.CreateIndex(
                name: "IX_conference_escalations_FromBodyId",
                table: "conference_escalations",
                column: "FromBodyId");

            migrationBuilder.CreateIndex(
                name: "IX_conference_escalations_ToBodyId_State",
                table: "conference_escalations",
                columns: new[] { "ToBodyId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_conference_feed_items_BodyId_PostedAt",
                table: "conference_feed_items",
                columns: new[] { "BodyId", "PostedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_conference_feed_items_JurisdictionCode",
                table: "conference_feed_items",
                column: "JurisdictionCode");

            migrationBuilder.CreateIndex(
                name: "IX_conference_invitations_MeetingId_OrganisationId",
                table: "conference_invitations",
                columns: new[] { "MeetingId", "OrganisationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_conference_invitations_OrganisationId",
                table: "conference_invitations",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_conference_meetings_BodyId_State_ScheduledAt",
                table: "conference_meetings",
                columns: new[] { "BodyId", "State", "ScheduledAt" });

            migrationBuilder.CreateIndex(
                name: "IX_conference_meetings_JurisdictionCode",
                table: "conference_meetings",
                column: "JurisdictionCode");

            migrationBuilder.CreateIndex(
                name: "IX_conference_memberships_BodyId_OrganisationId",
                table: "conference_memberships",
                columns: new[] { "BodyId", "OrganisationId" });

            migrationBuilder.CreateIndex(
                name: "IX_conference_memberships_OrganisationId",
                table: "conference_memberships",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_conference_notices_Kind_SubjectId_Due",
                table: "conference_notices",
                columns: new[] { "Kind", "SubjectId", "Due" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_conference_resolutions_BodyId_State",
                table: "conference_resolutions",
                columns: new[] { "BodyId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_conference_resolutions_MeetingId",
                table: "conference_resolutions",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_conference_tasks_JurisdictionCode_Deadline",
                table: "conference_tasks",
                columns: new[] { "JurisdictionCode", "Deadline" });

            migrationBuilder.CreateIndex(
                name: "IX_conference_tasks_OwnerOrganisationId",
                table: "conference_tasks",
                column: "OwnerOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_conference_tasks_ResolutionId",
                table: "conference_tasks",
                column: "ResolutionId");

            migrationBuilder.CreateIndex(
                name: "IX_conference_venue_bookings_BookedByUserId_Start",
                table: "conference_venue_bookings",
                columns: new[] { "BookedByUserId", "Start" });

            migrationBuilder.CreateIndex(
                name: "IX_conference_venue_bookings_JurisdictionCode",
                table: "conference_venue_bookings",
                column: "JurisdictionCode");

            migrationBuilder.CreateIndex(
                name: "IX_conference_venue_bookings_VenueId_Start",
                table: "conference_venue_bookings",
                columns: new[] { "VenueId", "Start" });

            migrationBuilder.CreateIndex(
                name: "IX_conference_venue_slots_BookingId",
                table: "conference_venue_slots",
                column: "BookingId");

            migrationBuilder.CreateIndex(
                name: "IX_conference_venues_BodyId",
                table: "conference_venues",
                column: "BodyId");

            migrationBuilder.CreateIndex(
                name: "IX_conference_venues_JurisdictionCode",
                table: "conference_venues",
                column: "JurisdictionCode");

            migrationBuilder.CreateIndex(
                name: "IX_conference_venues_OwnerOrganisationId",
                table: "conference_venues",
                column: "OwnerOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_jurisdictions_Name",
                table: "jurisdictions",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_jurisdictions_ParentCode",
                table: "jurisdictions",
                column: "ParentCode");

            migrationBuilder.CreateIndex(
                name: "IX_notifications_RecipientUserId_CreatedAt",
                table: "notifications",
                columns: new[] { "RecipientUserId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_open311_api_keys_KeyHash",
                table: "open311_api_keys",
                column: "KeyHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_organisations_Code",
                table: "organisations",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_organisations_JurisdictionCode_Kind",
                table: "organisations",
                columns: new[] { "JurisdictionCode", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_routing_overrides_CaseId",
                table: "routing_overrides",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_routing_overrides_JurisdictionCode_At",
                table: "routing_overrides",
                columns: new[] { "JurisdictionCode", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_routing_rules_CategoryCode_JurisdictionPrefix",
                table: "routing_rules",
                columns: new[] { "CategoryCode", "JurisdictionPrefix" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_stored_files_CreatedByUserId_CreatedAt",
                table: "stored_files",
                columns: new[] { "CreatedByUserId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_stored_files_OwnerKey",
                table: "stored_files",
                column: "OwnerKey");

            migrationBuilder.CreateIndex(
                name: "IX_stored_files_PublicVariantSha256",
                table: "stored_files",
                column: "PublicVariantSha256");

            migrationBuilder.CreateIndex(
                name: "IX_stored_files_Sha256",
                table: "stored_files",
                column: "Sha256");

            migrationBuilder.CreateIndex(
                name: "IX_whistle_summons_JurisdictionCode_SummonedAt",
                table: "whistle_summons",
                columns: new[] { "JurisdictionCode", "SummonedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_whistle_summons_Missed_DueAt",
                table: "whistle_summons",
                columns: new[] { "Missed", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_whistle_summons_OrganisationId_SummonedAt",
                table: "whistle_summons",
                columns: new[] { "OrganisationId", "SummonedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_whistle_summons_WhistleId_OrganisationId",
                table: "whistle_summons",
                columns: new[] { "WhistleId", "OrganisationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_whistles_CaseId",
                table: "whistles",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_whistles_JurisdictionCode_BlownAt",
                table: "whistles",
                columns: new[] { "JurisdictionCode", "BlownAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AspNetRoleClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserRoles");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "audit_entries");

            migrationBuilder.DropTable(
                name: "calendar_days");

            migrationBuilder.DropTable(
                name: "case_categories");

            migrationBuilder.DropTable(
                name: "case_day_counters");

            migrationBuilder.DropTable(
                name: "case_deadline_notices");

            migrationBuilder.DropTable(
                name: "case_district_month_wait_counters");

            migrationBuilder.DropTable(
                name: "case_events");

            migrationBuilder.DropTable(
                name: "case_import_errors");

            migrationBuilder.DropTable(
                name: "case_month_counters");

            migrationBuilder.DropTable(
                name: "case_month_wait_counters");

            migrationBuilder.DropTable(
                name: "case_reference_counters");

            migrationBuilder.DropTable(
                name: "case_wait_counters");

            migrationBuilder.DropTable(
                name: "conference_cadences");

            migrationBuilder.DropTable(
                name: "conference_directive_assignments");

            migrationBuilder.DropTable(
                name: "conference_escalations");

            migrationBuilder.DropTable(
                name: "conference_feed_items");

            migrationBuilder.DropTable(
                name: "conference_invitations");

            migrationBuilder.DropTable(
                name: "conference_memberships");

            migrationBuilder.DropTable(
                name: "conference_notices");

            migrationBuilder.DropTable(
                name: "conference_resolution_followers");

            migrationBuilder.DropTable(
                name: "conference_tasks");

            migrationBuilder.DropTable(
                name: "conference_venue_slots");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "jurisdictions");

            migrationBuilder.DropTable(
                name: "notifications");

            migrationBuilder.DropTable(
                name: "open311_api_keys");

            migrationBuilder.DropTable(
                name: "organisations");

            migrationBuilder.DropTable(
                name: "routing_overrides");

            migrationBuilder.DropTable(
                name: "routing_rules");

            migrationBuilder.DropTable(
                name: "stored_files");

            migrationBuilder.DropTable(
                name: "whistle_summons");

            migrationBuilder.DropTable(
                name: "AspNetRoles");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "case_import_jobs");

            migrationBuilder.DropTable(
                name: "conference_directives");

            migrationBuilder.DropTable(
                name: "conference_resolutions");

            migrationBuilder.DropTable(
                name: "conference_venue_bookings");

            migrationBuilder.DropTable(
                name: "whistles");

            migrationBuilder.DropTable(
                name: "conference_meetings");

            migrationBuilder.DropTable(
                name: "conference_venues");

            migrationBuilder.DropTable(
                name: "cases");

            migrationBuilder.DropTable(
                name: "conference_bodies");
        }
    }
}
