using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ServiceFlow.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "serviceflow");

            migrationBuilder.CreateSequence(
                name: "knowledge_numbers",
                schema: "serviceflow");

            migrationBuilder.CreateSequence(
                name: "ticket_numbers",
                schema: "serviceflow");

            migrationBuilder.CreateTable(
                name: "AspNetRoles",
                schema: "serviceflow",
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
                schema: "serviceflow",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    DisplayName = table.Column<string>(type: "text", nullable: true),
                    Culture = table.Column<string>(type: "text", nullable: true),
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
                    LockoutEnd = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "bookmarks",
                schema: "serviceflow",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    InstanceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    EngineId = table.Column<string>(type: "text", nullable: false),
                    ActivityId = table.Column<string>(type: "text", nullable: false),
                    MessageName = table.Column<string>(type: "text", nullable: true),
                    CorrelationKey = table.Column<string>(type: "text", nullable: true),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    JobType = table.Column<string>(type: "text", nullable: true),
                    Payload = table.Column<string>(type: "jsonb", nullable: true),
                    HangfireJobId = table.Column<string>(type: "text", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bookmarks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "business_calendars",
                schema: "serviceflow",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    TimeZone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    WeeklyHours = table.Column<List<string>>(type: "text[]", nullable: false),
                    Holidays = table.Column<List<DateOnly>>(type: "date[]", nullable: false),
                    ExtraWorkingDays = table.Column<List<string>>(type: "text[]", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_business_calendars", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                schema: "serviceflow",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FriendlyName = table.Column<string>(type: "text", nullable: false),
                    Xml = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "inbound_mails",
                schema: "serviceflow",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MessageId = table.Column<string>(type: "character varying(998)", maxLength: 998, nullable: false),
                    Folder = table.Column<string>(type: "text", nullable: false),
                    Uid = table.Column<long>(type: "bigint", nullable: false),
                    FromAddress = table.Column<string>(type: "text", nullable: true),
                    FromName = table.Column<string>(type: "text", nullable: true),
                    Subject = table.Column<string>(type: "text", nullable: false),
                    TextBody = table.Column<string>(type: "text", nullable: true),
                    HtmlBody = table.Column<string>(type: "text", nullable: true),
                    InReplyTo = table.Column<string>(type: "text", nullable: true),
                    References = table.Column<List<string>>(type: "text[]", nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    BusinessKey = table.Column<string>(type: "text", nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    InstanceId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inbound_mails", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "incidents",
                schema: "serviceflow",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    InstanceId = table.Column<Guid>(type: "uuid", nullable: false),
                    EngineIncidentId = table.Column<string>(type: "text", nullable: false),
                    ActivityId = table.Column<string>(type: "text", nullable: true),
                    Message = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ResolvedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ResolvedBy = table.Column<string>(type: "text", nullable: true),
                    Retries = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_incidents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "journal",
                schema: "serviceflow",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    InstanceId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UserId = table.Column<string>(type: "text", nullable: true),
                    Entries = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_journal", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "knowledge_articles",
                schema: "serviceflow",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Body = table.Column<string>(type: "text", nullable: false),
                    ServiceType = table.Column<string>(type: "text", nullable: false),
                    Tags = table.Column<string>(type: "text", nullable: true),
                    Status = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    SourceTicketId = table.Column<Guid>(type: "uuid", nullable: true),
                    SourceTicketNumber = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    Author = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "text", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_knowledge_articles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "mailbox_states",
                schema: "serviceflow",
                columns: table => new
                {
                    Folder = table.Column<string>(type: "text", nullable: false),
                    UidValidity = table.Column<long>(type: "bigint", nullable: false),
                    LastUid = table.Column<long>(type: "bigint", nullable: false),
                    LastPolledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mailbox_states", x => x.Folder);
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                schema: "serviceflow",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MessageId = table.Column<string>(type: "text", nullable: false),
                    Template = table.Column<string>(type: "text", nullable: false),
                    Culture = table.Column<string>(type: "text", nullable: true),
                    To = table.Column<string>(type: "text", nullable: false),
                    ToName = table.Column<string>(type: "text", nullable: true),
                    Model = table.Column<string>(type: "jsonb", nullable: false),
                    InstanceId = table.Column<Guid>(type: "uuid", nullable: true),
                    BusinessKey = table.Column<string>(type: "text", nullable: true),
                    InReplyTo = table.Column<string>(type: "text", nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    NextAttemptAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    NotBefore = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastError = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbox_messages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "process_instances",
                schema: "serviceflow",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DefinitionId = table.Column<Guid>(type: "uuid", nullable: false),
                    WorkflowKey = table.Column<string>(type: "text", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    BusinessKey = table.Column<string>(type: "text", nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    State = table.Column<string>(type: "jsonb", nullable: false),
                    Variables = table.Column<string>(type: "jsonb", nullable: false),
                    ParentInstanceId = table.Column<Guid>(type: "uuid", nullable: true),
                    ParentCallId = table.Column<string>(type: "text", nullable: true),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    StartedBy = table.Column<string>(type: "text", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_process_instances", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "sla_clocks",
                schema: "serviceflow",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BusinessKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    PolicyKey = table.Column<string>(type: "text", nullable: false),
                    PolicyVersion = table.Column<int>(type: "integer", nullable: false),
                    Calendar = table.Column<string>(type: "text", nullable: false),
                    State = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Overdue = table.Column<bool>(type: "boolean", nullable: false),
                    Target = table.Column<TimeSpan>(type: "interval", nullable: false),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    StoppedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PausedByState = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    IntervalFrom = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sla_clocks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "sla_policies",
                schema: "serviceflow",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Priority = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    ServiceType = table.Column<string>(type: "text", nullable: true),
                    FirstResponse = table.Column<TimeSpan>(type: "interval", nullable: false),
                    Resolution = table.Column<TimeSpan>(type: "interval", nullable: false),
                    UpdateEvery = table.Column<TimeSpan>(type: "interval", nullable: true),
                    Calendar = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    WarningPercents = table.Column<List<int>>(type: "integer[]", nullable: false),
                    Escalations = table.Column<List<string>>(type: "text[]", nullable: false),
                    PauseStates = table.Column<List<string>>(type: "text[]", nullable: false),
                    MailAnyHour = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sla_policies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "surveys",
                schema: "serviceflow",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BusinessKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    InstanceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Recipient = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    RecipientName = table.Column<string>(type: "text", nullable: true),
                    Culture = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Nonce = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Score = table.Column<int>(type: "integer", nullable: true),
                    Comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AnsweredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReminderSentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_surveys", x => x.Id);
                    table.CheckConstraint("ck_surveys_score", "\"Score\" IS NULL OR \"Score\" BETWEEN 1 AND 5");
                });

            migrationBuilder.CreateTable(
                name: "ticket_entries",
                schema: "serviceflow",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TicketId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    By = table.Column<string>(type: "text", nullable: false),
                    Text = table.Column<string>(type: "text", nullable: false),
                    Detail = table.Column<string>(type: "text", nullable: true),
                    Extra = table.Column<string>(type: "text", nullable: true),
                    Due = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ticket_entries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "tickets",
                schema: "serviceflow",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Title = table.Column<string>(type: "text", nullable: false),
                    DiscoveredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedLate = table.Column<bool>(type: "boolean", nullable: false),
                    Company = table.Column<string>(type: "text", nullable: true),
                    Department = table.Column<string>(type: "text", nullable: true),
                    Office = table.Column<string>(type: "text", nullable: true),
                    ServiceType = table.Column<string>(type: "text", nullable: false),
                    ServiceObject = table.Column<string>(type: "text", nullable: false),
                    Channel = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Priority = table.Column<string>(type: "text", nullable: false),
                    Severity = table.Column<string>(type: "text", nullable: true),
                    InitialJudgement = table.Column<string>(type: "text", nullable: true),
                    CustomerName = table.Column<string>(type: "text", nullable: true),
                    CustomerEmail = table.Column<string>(type: "text", nullable: true),
                    CustomerCulture = table.Column<string>(type: "text", nullable: true),
                    Description = table.Column<string>(type: "text", nullable: false),
                    ImpactQualitative = table.Column<string>(type: "text", nullable: true),
                    ImpactQuantitative = table.Column<string>(type: "text", nullable: true),
                    AffectedCustomers = table.Column<int>(type: "integer", nullable: true),
                    Reporter = table.Column<string>(type: "text", nullable: false),
                    Supervisor = table.Column<string>(type: "text", nullable: true),
                    Handler = table.Column<string>(type: "text", nullable: true),
                    Group = table.Column<string>(type: "text", nullable: false),
                    Tier = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Plan = table.Column<string>(type: "text", nullable: true),
                    Solved = table.Column<bool>(type: "boolean", nullable: true),
                    Solution = table.Column<string>(type: "text", nullable: true),
                    Recovery = table.Column<string>(type: "text", nullable: true),
                    CausePeople = table.Column<string>(type: "text", nullable: true),
                    CauseProcess = table.Column<string>(type: "text", nullable: true),
                    CauseTechnology = table.Column<string>(type: "text", nullable: true),
                    CauseEnvironment = table.Column<string>(type: "text", nullable: true),
                    Proposals = table.Column<string>(type: "text", nullable: true),
                    Lessons = table.Column<string>(type: "text", nullable: true),
                    Status = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    FirstContactResolution = table.Column<bool>(type: "boolean", nullable: false),
                    InstanceId = table.Column<Guid>(type: "uuid", nullable: true),
                    ResolvedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ArchivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tickets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "timer_firings",
                schema: "serviceflow",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    InstanceId = table.Column<Guid>(type: "uuid", nullable: false),
                    TimerId = table.Column<string>(type: "text", nullable: false),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FiredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LatenessMs = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_timer_firings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "user_tasks",
                schema: "serviceflow",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    InstanceId = table.Column<Guid>(type: "uuid", nullable: false),
                    EngineTaskId = table.Column<string>(type: "text", nullable: false),
                    ActivityId = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    WorkflowKey = table.Column<string>(type: "text", nullable: false),
                    BusinessKey = table.Column<string>(type: "text", nullable: true),
                    CandidateGroups = table.Column<List<string>>(type: "text[]", nullable: false),
                    CandidateUsers = table.Column<List<string>>(type: "text[]", nullable: false),
                    Assignee = table.Column<string>(type: "text", nullable: true),
                    FormKey = table.Column<string>(type: "text", nullable: true),
                    Priority = table.Column<int>(type: "integer", nullable: false),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Documentation = table.Column<string>(type: "text", nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CompletedBy = table.Column<string>(type: "text", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    SortDue = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, computedColumnSql: "COALESCE(\"DueAt\", TIMESTAMPTZ '9999-12-31 00:00:00+00')", stored: true),
                    SortPriority = table.Column<int>(type: "integer", nullable: false, computedColumnSql: "CASE WHEN \"Priority\" = 0 THEN 99 ELSE \"Priority\" END", stored: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_user_tasks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "workflow_definitions",
                schema: "serviceflow",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: true),
                    Xml = table.Column<string>(type: "text", nullable: false),
                    ContentHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PublishedBy = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_workflow_definitions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "workflow_drafts",
                schema: "serviceflow",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Xml = table.Column<string>(type: "text", nullable: false),
                    ContentHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Executable = table.Column<bool>(type: "boolean", nullable: false),
                    Validation = table.Column<string>(type: "jsonb", nullable: false),
                    UpdatedBy = table.Column<string>(type: "text", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_workflow_drafts", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoleClaims",
                schema: "serviceflow",
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
                        principalSchema: "serviceflow",
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                schema: "serviceflow",
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
                        principalSchema: "serviceflow",
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                schema: "serviceflow",
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
                        principalSchema: "serviceflow",
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserRoles",
                schema: "serviceflow",
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
                        principalSchema: "serviceflow",
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalSchema: "serviceflow",
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                schema: "serviceflow",
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
                        principalSchema: "serviceflow",
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "inbound_mail_attachments",
                schema: "serviceflow",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MailId = table.Column<Guid>(type: "uuid", nullable: false),
                    FileName = table.Column<string>(type: "text", nullable: false),
                    ContentType = table.Column<string>(type: "text", nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inbound_mail_attachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_inbound_mail_attachments_inbound_mails_MailId",
                        column: x => x.MailId,
                        principalSchema: "serviceflow",
                        principalTable: "inbound_mails",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sla_clock_segments",
                schema: "serviceflow",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ClockId = table.Column<Guid>(type: "uuid", nullable: false),
                    Running = table.Column<bool>(type: "boolean", nullable: false),
                    From = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    To = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Reason = table.Column<string>(type: "text", nullable: false),
                    EndReason = table.Column<string>(type: "text", nullable: true),
                    By = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sla_clock_segments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_sla_clock_segments_sla_clocks_ClockId",
                        column: x => x.ClockId,
                        principalSchema: "serviceflow",
                        principalTable: "sla_clocks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sla_timers",
                schema: "serviceflow",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ClockId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FiredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CancelledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LatenessMs = table.Column<double>(type: "double precision", nullable: true),
                    HangfireJobId = table.Column<string>(type: "text", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sla_timers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_sla_timers_sla_clocks_ClockId",
                        column: x => x.ClockId,
                        principalSchema: "serviceflow",
                        principalTable: "sla_clocks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ticket_attachments",
                schema: "serviceflow",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TicketId = table.Column<Guid>(type: "uuid", nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false),
                    UploadedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UploadedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ticket_attachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ticket_attachments_tickets_TicketId",
                        column: x => x.TicketId,
                        principalSchema: "serviceflow",
                        principalTable: "tickets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "timer_starts",
                schema: "serviceflow",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DefinitionId = table.Column<Guid>(type: "uuid", nullable: false),
                    WorkflowKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    StartEventId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    NextDue = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FiredCount = table.Column<int>(type: "integer", nullable: false),
                    SkippedCount = table.Column<int>(type: "integer", nullable: false),
                    LastFiredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    HangfireJobId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Active = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_timer_starts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_timer_starts_workflow_definitions_DefinitionId",
                        column: x => x.DefinitionId,
                        principalSchema: "serviceflow",
                        principalTable: "workflow_definitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetRoleClaims_RoleId",
                schema: "serviceflow",
                table: "AspNetRoleClaims",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                schema: "serviceflow",
                table: "AspNetRoles",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserClaims_UserId",
                schema: "serviceflow",
                table: "AspNetUserClaims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserLogins_UserId",
                schema: "serviceflow",
                table: "AspNetUserLogins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserRoles_RoleId",
                schema: "serviceflow",
                table: "AspNetUserRoles",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                schema: "serviceflow",
                table: "AspNetUsers",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                schema: "serviceflow",
                table: "AspNetUsers",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_bookmarks_InstanceId_EngineId",
                schema: "serviceflow",
                table: "bookmarks",
                columns: new[] { "InstanceId", "EngineId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_bookmarks_Kind_DueAt",
                schema: "serviceflow",
                table: "bookmarks",
                columns: new[] { "Kind", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_bookmarks_MessageName_CorrelationKey",
                schema: "serviceflow",
                table: "bookmarks",
                columns: new[] { "MessageName", "CorrelationKey" });

            migrationBuilder.CreateIndex(
                name: "IX_inbound_mail_attachments_MailId",
                schema: "serviceflow",
                table: "inbound_mail_attachments",
                column: "MailId");

            migrationBuilder.CreateIndex(
                name: "IX_inbound_mails_BusinessKey",
                schema: "serviceflow",
                table: "inbound_mails",
                column: "BusinessKey");

            migrationBuilder.CreateIndex(
                name: "IX_inbound_mails_MessageId",
                schema: "serviceflow",
                table: "inbound_mails",
                column: "MessageId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_inbound_mails_Status_ReceivedAt",
                schema: "serviceflow",
                table: "inbound_mails",
                columns: new[] { "Status", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_incidents_InstanceId_EngineIncidentId",
                schema: "serviceflow",
                table: "incidents",
                columns: new[] { "InstanceId", "EngineIncidentId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_incidents_ResolvedAt",
                schema: "serviceflow",
                table: "incidents",
                column: "ResolvedAt");

            migrationBuilder.CreateIndex(
                name: "IX_journal_InstanceId_Id",
                schema: "serviceflow",
                table: "journal",
                columns: new[] { "InstanceId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_knowledge_articles_Number",
                schema: "serviceflow",
                table: "knowledge_articles",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_knowledge_articles_SourceTicketId",
                schema: "serviceflow",
                table: "knowledge_articles",
                column: "SourceTicketId",
                unique: true,
                filter: "\"SourceTicketId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_knowledge_articles_Status",
                schema: "serviceflow",
                table: "knowledge_articles",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_outbox_messages_MessageId",
                schema: "serviceflow",
                table: "outbox_messages",
                column: "MessageId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_outbox_messages_Status_NextAttemptAt",
                schema: "serviceflow",
                table: "outbox_messages",
                columns: new[] { "Status", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_process_instances_BusinessKey",
                schema: "serviceflow",
                table: "process_instances",
                column: "BusinessKey");

            migrationBuilder.CreateIndex(
                name: "IX_process_instances_ParentInstanceId",
                schema: "serviceflow",
                table: "process_instances",
                column: "ParentInstanceId");

            migrationBuilder.CreateIndex(
                name: "IX_process_instances_WorkflowKey_Version_Status",
                schema: "serviceflow",
                table: "process_instances",
                columns: new[] { "WorkflowKey", "Version", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_sla_clock_segments_ClockId_From",
                schema: "serviceflow",
                table: "sla_clock_segments",
                columns: new[] { "ClockId", "From" });

            migrationBuilder.CreateIndex(
                name: "IX_sla_clocks_BusinessKey_Name",
                schema: "serviceflow",
                table: "sla_clocks",
                columns: new[] { "BusinessKey", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_sla_policies_Key_Version",
                schema: "serviceflow",
                table: "sla_policies",
                columns: new[] { "Key", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_sla_policies_Priority_ServiceType",
                schema: "serviceflow",
                table: "sla_policies",
                columns: new[] { "Priority", "ServiceType" });

            migrationBuilder.CreateIndex(
                name: "IX_sla_timers_ClockId",
                schema: "serviceflow",
                table: "sla_timers",
                column: "ClockId");

            migrationBuilder.CreateIndex(
                name: "IX_sla_timers_DueAt",
                schema: "serviceflow",
                table: "sla_timers",
                column: "DueAt",
                filter: "\"FiredAt\" IS NULL AND \"CancelledAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_surveys_BusinessKey",
                schema: "serviceflow",
                table: "surveys",
                column: "BusinessKey");

            migrationBuilder.CreateIndex(
                name: "IX_surveys_InstanceId",
                schema: "serviceflow",
                table: "surveys",
                column: "InstanceId");

            migrationBuilder.CreateIndex(
                name: "ix_surveys_one_answer_per_ticket",
                schema: "serviceflow",
                table: "surveys",
                column: "BusinessKey",
                unique: true,
                filter: "\"Status\" = 'Answered'");

            migrationBuilder.CreateIndex(
                name: "IX_ticket_attachments_TicketId_UploadedAt",
                schema: "serviceflow",
                table: "ticket_attachments",
                columns: new[] { "TicketId", "UploadedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ticket_entries_TicketId_Id",
                schema: "serviceflow",
                table: "ticket_entries",
                columns: new[] { "TicketId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_tickets_InstanceId",
                schema: "serviceflow",
                table: "tickets",
                column: "InstanceId");

            migrationBuilder.CreateIndex(
                name: "IX_tickets_Number",
                schema: "serviceflow",
                table: "tickets",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_tickets_Status_Priority",
                schema: "serviceflow",
                table: "tickets",
                columns: new[] { "Status", "Priority" });

            migrationBuilder.CreateIndex(
                name: "IX_timer_firings_InstanceId_TimerId_DueAt",
                schema: "serviceflow",
                table: "timer_firings",
                columns: new[] { "InstanceId", "TimerId", "DueAt" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_timer_starts_DefinitionId_StartEventId",
                schema: "serviceflow",
                table: "timer_starts",
                columns: new[] { "DefinitionId", "StartEventId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_timer_starts_WorkflowKey_Active",
                schema: "serviceflow",
                table: "timer_starts",
                columns: new[] { "WorkflowKey", "Active" });

            migrationBuilder.CreateIndex(
                name: "IX_user_tasks_CandidateGroups",
                schema: "serviceflow",
                table: "user_tasks",
                column: "CandidateGroups")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "IX_user_tasks_CandidateUsers",
                schema: "serviceflow",
                table: "user_tasks",
                column: "CandidateUsers")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "IX_user_tasks_InstanceId_EngineTaskId",
                schema: "serviceflow",
                table: "user_tasks",
                columns: new[] { "InstanceId", "EngineTaskId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_user_tasks_open_assignee_due",
                schema: "serviceflow",
                table: "user_tasks",
                columns: new[] { "Assignee", "SortDue", "Id" },
                filter: "\"Status\" = 'Open'");

            migrationBuilder.CreateIndex(
                name: "ix_user_tasks_open_created",
                schema: "serviceflow",
                table: "user_tasks",
                columns: new[] { "CreatedAt", "Id" },
                filter: "\"Status\" = 'Open'");

            migrationBuilder.CreateIndex(
                name: "ix_user_tasks_open_due",
                schema: "serviceflow",
                table: "user_tasks",
                columns: new[] { "SortDue", "Id" },
                filter: "\"Status\" = 'Open'");

            migrationBuilder.CreateIndex(
                name: "ix_user_tasks_open_priority",
                schema: "serviceflow",
                table: "user_tasks",
                columns: new[] { "SortPriority", "SortDue", "Id" },
                filter: "\"Status\" = 'Open'");

            migrationBuilder.CreateIndex(
                name: "IX_user_tasks_Status_Assignee",
                schema: "serviceflow",
                table: "user_tasks",
                columns: new[] { "Status", "Assignee" });

            migrationBuilder.CreateIndex(
                name: "IX_workflow_definitions_Key_Version",
                schema: "serviceflow",
                table: "workflow_definitions",
                columns: new[] { "Key", "Version" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AspNetRoleClaims",
                schema: "serviceflow");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims",
                schema: "serviceflow");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins",
                schema: "serviceflow");

            migrationBuilder.DropTable(
                name: "AspNetUserRoles",
                schema: "serviceflow");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens",
                schema: "serviceflow");

            migrationBuilder.DropTable(
                name: "bookmarks",
                schema: "serviceflow");

            migrationBuilder.DropTable(
                name: "business_calendars",
                schema: "serviceflow");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys",
                schema: "serviceflow");

            migrationBuilder.DropTable(
                name: "inbound_mail_attachments",
                schema: "serviceflow");

            migrationBuilder.DropTable(
                name: "incidents",
                schema: "serviceflow");

            migrationBuilder.DropTable(
                name: "journal",
                schema: "serviceflow");

            migrationBuilder.DropTable(
                name: "knowledge_articles",
                schema: "serviceflow");

            migrationBuilder.DropTable(
                name: "mailbox_states",
                schema: "serviceflow");

            migrationBuilder.DropTable(
                name: "outbox_messages",
                schema: "serviceflow");

            migrationBuilder.DropTable(
                name: "process_instances",
                schema: "serviceflow");

            migrationBuilder.DropTable(
                name: "sla_clock_segments",
                schema: "serviceflow");

            migrationBuilder.DropTable(
                name: "sla_policies",
                schema: "serviceflow");

            migrationBuilder.DropTable(
                name: "sla_timers",
                schema: "serviceflow");

            migrationBuilder.DropTable(
                name: "surveys",
                schema: "serviceflow");

            migrationBuilder.DropTable(
                name: "ticket_attachments",
                schema: "serviceflow");

            migrationBuilder.DropTable(
                name: "ticket_entries",
                schema: "serviceflow");

            migrationBuilder.DropTable(
                name: "timer_firings",
                schema: "serviceflow");

            migrationBuilder.DropTable(
                name: "timer_starts",
                schema: "serviceflow");

            migrationBuilder.DropTable(
                name: "user_tasks",
                schema: "serviceflow");

            migrationBuilder.DropTable(
                name: "workflow_drafts",
                schema: "serviceflow");

            migrationBuilder.DropTable(
                name: "AspNetRoles",
                schema: "serviceflow");

            migrationBuilder.DropTable(
                name: "AspNetUsers",
                schema: "serviceflow");

            migrationBuilder.DropTable(
                name: "inbound_mails",
                schema: "serviceflow");

            migrationBuilder.DropTable(
                name: "sla_clocks",
                schema: "serviceflow");

            migrationBuilder.DropTable(
                name: "tickets",
                schema: "serviceflow");

            migrationBuilder.DropTable(
                name: "workflow_definitions",
                schema: "serviceflow");

            migrationBuilder.DropSequence(
                name: "knowledge_numbers",
                schema: "serviceflow");

            migrationBuilder.DropSequence(
                name: "ticket_numbers",
                schema: "serviceflow");
        }
    }
}
