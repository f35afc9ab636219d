using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceFlow.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class PeriodReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Complaint",
                schema: "serviceflow",
                table: "report_facts",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "RecordCorrected",
                schema: "serviceflow",
                table: "report_facts",
                type: "boolean",
                nullable: true);

            // The desk's settled facts were computed without these two columns; the next refresh recomputes them.
            migrationBuilder.Sql("UPDATE serviceflow.report_facts SET \"Final\" = false WHERE \"Source\" = 'desk'");

            migrationBuilder.CreateTable(
                name: "period_analyses",
                schema: "serviceflow",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    PeriodFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    PeriodTo = table.Column<DateOnly>(type: "date", nullable: false),
                    Label = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    InstanceId = table.Column<Guid>(type: "uuid", nullable: true),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Figures = table.Column<string>(type: "jsonb", nullable: false),
                    ComputedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Conclusions = table.Column<string>(type: "text", nullable: true),
                    Proposals = table.Column<string>(type: "text", nullable: true),
                    AnalysedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    AnalysedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReviewedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ReviewedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReviewComment = table.Column<string>(type: "text", nullable: true),
                    Actions = table.Column<string>(type: "jsonb", nullable: false),
                    Returns = table.Column<string>(type: "jsonb", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_period_analyses", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_period_analyses_InstanceId",
                schema: "serviceflow",
                table: "period_analyses",
                column: "InstanceId");

            migrationBuilder.CreateIndex(
                name: "IX_period_analyses_Kind_PeriodFrom",
                schema: "serviceflow",
                table: "period_analyses",
                columns: new[] { "Kind", "PeriodFrom" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "period_analyses",
                schema: "serviceflow");

            migrationBuilder.DropColumn(
                name: "Complaint",
                schema: "serviceflow",
                table: "report_facts");

            migrationBuilder.DropColumn(
                name: "RecordCorrected",
                schema: "serviceflow",
                table: "report_facts");
        }
    }
}
