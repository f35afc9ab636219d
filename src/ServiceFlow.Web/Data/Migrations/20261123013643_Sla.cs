using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ServiceFlow.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Sla : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sla_policies", x => x.Id);
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "business_calendars",
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
                name: "sla_clocks",
                schema: "serviceflow");
        }
    }
}
