using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ServiceFlow.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Reports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "knowledge_usage",
                schema: "serviceflow",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    ArticleId = table.Column<Guid>(type: "uuid", nullable: true),
                    Query = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Results = table.Column<int>(type: "integer", nullable: true),
                    UserName = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_knowledge_usage", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "report_facts",
                schema: "serviceflow",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Source = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Number = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Title = table.Column<string>(type: "text", nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DiscoveredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ResolvedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Open = table.Column<bool>(type: "boolean", nullable: false),
                    BreachedNow = table.Column<bool>(type: "boolean", nullable: false),
                    Resolved = table.Column<bool>(type: "boolean", nullable: false),
                    Channel = table.Column<string>(type: "text", nullable: false),
                    ServiceType = table.Column<string>(type: "text", nullable: false),
                    ServiceObject = table.Column<string>(type: "text", nullable: false),
                    Priority = table.Column<string>(type: "text", nullable: false),
                    Group = table.Column<string>(type: "text", nullable: false),
                    Handler = table.Column<string>(type: "text", nullable: false),
                    Department = table.Column<string>(type: "text", nullable: false),
                    Customer = table.Column<string>(type: "text", nullable: false),
                    Reporter = table.Column<string>(type: "text", nullable: false),
                    Causes = table.Column<List<string>>(type: "text[]", nullable: false),
                    HandleDiscoveryWall = table.Column<double>(type: "double precision", nullable: true),
                    HandleDiscoveryBusiness = table.Column<double>(type: "double precision", nullable: true),
                    HandleRecordedWall = table.Column<double>(type: "double precision", nullable: true),
                    HandleRecordedBusiness = table.Column<double>(type: "double precision", nullable: true),
                    FirstResponseWall = table.Column<double>(type: "double precision", nullable: true),
                    FirstResponseBusiness = table.Column<double>(type: "double precision", nullable: true),
                    ResponseMet = table.Column<bool>(type: "boolean", nullable: true),
                    ResolutionMet = table.Column<bool>(type: "boolean", nullable: true),
                    UpdateMet = table.Column<bool>(type: "boolean", nullable: true),
                    FirstContact = table.Column<bool>(type: "boolean", nullable: true),
                    RecordedLate = table.Column<bool>(type: "boolean", nullable: true),
                    EscalatedTier2 = table.Column<bool>(type: "boolean", nullable: true),
                    EscalatedVendor = table.Column<bool>(type: "boolean", nullable: true),
                    Reopened = table.Column<bool>(type: "boolean", nullable: true),
                    Reassigned = table.Column<bool>(type: "boolean", nullable: true),
                    SurveyAnswered = table.Column<bool>(type: "boolean", nullable: true),
                    SurveyScore = table.Column<short>(type: "smallint", nullable: true),
                    Final = table.Column<bool>(type: "boolean", nullable: false),
                    RefreshedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_report_facts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "report_imports",
                schema: "serviceflow",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    FileName = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: false),
                    Format = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    OnError = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Mapping = table.Column<string>(type: "jsonb", nullable: true),
                    State = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Progress = table.Column<double>(type: "double precision", nullable: false),
                    Rows = table.Column<long>(type: "bigint", nullable: false),
                    Events = table.Column<long>(type: "bigint", nullable: false),
                    Cases = table.Column<long>(type: "bigint", nullable: false),
                    BadRows = table.Column<long>(type: "bigint", nullable: false),
                    Errors = table.Column<string>(type: "jsonb", nullable: false),
                    Message = table.Column<string>(type: "text", nullable: true),
                    ThroughputMeanDays = table.Column<double>(type: "double precision", nullable: true),
                    ThroughputMedianDays = table.Column<double>(type: "double precision", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "text", nullable: true),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    HeartbeatAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Node = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_report_imports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "report_refresh",
                schema: "serviceflow",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    RefreshedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_report_refresh", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "report_targets",
                schema: "serviceflow",
                columns: table => new
                {
                    Measure = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Comparison = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    Value = table.Column<double>(type: "double precision", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_report_targets", x => x.Measure);
                });

            migrationBuilder.CreateTable(
                name: "report_import_events",
                schema: "serviceflow",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ImportId = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<string>(type: "text", nullable: false),
                    Activity = table.Column<string>(type: "text", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Resource = table.Column<string>(type: "text", nullable: true),
                    Attributes = table.Column<string>(type: "jsonb", nullable: true),
                    Line = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_report_import_events", x => x.Id);
                    table.ForeignKey(
                        name: "FK_report_import_events_report_imports_ImportId",
                        column: x => x.ImportId,
                        principalSchema: "serviceflow",
                        principalTable: "report_imports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                schema: "serviceflow",
                table: "report_refresh",
                columns: new[] { "Id", "RefreshedAt", "Since" },
                values: new object[] { 1, null, null });

            migrationBuilder.CreateIndex(
                name: "IX_tickets_RecordedAt",
                schema: "serviceflow",
                table: "tickets",
                column: "RecordedAt");

            migrationBuilder.CreateIndex(
                name: "IX_knowledge_usage_Kind_At",
                schema: "serviceflow",
                table: "knowledge_usage",
                columns: new[] { "Kind", "At" });

            migrationBuilder.CreateIndex(
                name: "ix_report_facts_open",
                schema: "serviceflow",
                table: "report_facts",
                column: "Source",
                filter: "\"Open\"");

            migrationBuilder.CreateIndex(
                name: "ix_report_facts_resolved",
                schema: "serviceflow",
                table: "report_facts",
                columns: new[] { "Source", "ResolvedAt" },
                filter: "\"ResolvedAt\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_report_facts_Source_RecordedAt",
                schema: "serviceflow",
                table: "report_facts",
                columns: new[] { "Source", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "ix_report_facts_unsettled",
                schema: "serviceflow",
                table: "report_facts",
                column: "Source",
                filter: "NOT \"Final\"");

            migrationBuilder.CreateIndex(
                name: "IX_report_import_events_ImportId",
                schema: "serviceflow",
                table: "report_import_events",
                column: "ImportId");

            migrationBuilder.CreateIndex(
                name: "IX_report_imports_CreatedAt",
                schema: "serviceflow",
                table: "report_imports",
                column: "CreatedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "knowledge_usage",
                schema: "serviceflow");

            migrationBuilder.DropTable(
                name: "report_facts",
                schema: "serviceflow");

            migrationBuilder.DropTable(
                name: "report_import_events",
                schema: "serviceflow");

            migrationBuilder.DropTable(
                name: "report_refresh",
                schema: "serviceflow");

            migrationBuilder.DropTable(
                name: "report_targets",
                schema: "serviceflow");

            migrationBuilder.DropTable(
                name: "report_imports",
                schema: "serviceflow");

            migrationBuilder.DropIndex(
                name: "IX_tickets_RecordedAt",
                schema: "serviceflow",
                table: "tickets");
        }
    }
}
