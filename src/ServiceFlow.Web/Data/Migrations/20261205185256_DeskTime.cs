using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceFlow.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class DeskTime : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Language",
                schema: "serviceflow",
                table: "tickets",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<TimeSpan>(
                name: "WorkingTarget",
                schema: "serviceflow",
                table: "sla_clocks",
                type: "interval",
                nullable: false,
                defaultValue: new TimeSpan(0, 0, 0, 0, 0));

            // Until now a target was working hours ("a business day = 9 working hours"). A running clock keeps the
            // working time it had; stored durations of 24 hours and more (and whole 9-hour days) now mean working
            // days (BusinessDuration), so they are rewritten into the days they stood for on the 9-hour desk day.
            migrationBuilder.Sql("""UPDATE serviceflow.sla_clocks SET "WorkingTarget" = "Target";""");
            migrationBuilder.Sql($"""UPDATE serviceflow.sla_clocks SET "Target" = {AsDays("\"Target\"")};""");
            migrationBuilder.Sql($"""
                UPDATE serviceflow.sla_policies SET "FirstResponse" = {AsDays("\"FirstResponse\"")}, "Resolution" = {AsDays("\"Resolution\"")},
                    "UpdateEvery" = {AsDays("\"UpdateEvery\"")};
                """);
        }

        static string AsDays(string column) => $"""
            CASE WHEN {column} >= interval '24 hours' OR ({column} >= interval '9 hours' AND mod(extract(epoch FROM {column})::bigint, 32400) = 0)
                THEN make_interval(days => (extract(epoch FROM {column})::bigint / 32400)::int, secs => mod(extract(epoch FROM {column})::bigint, 32400))
                ELSE {column} END
            """;

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Language",
                schema: "serviceflow",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "WorkingTarget",
                schema: "serviceflow",
                table: "sla_clocks");
        }
    }
}
