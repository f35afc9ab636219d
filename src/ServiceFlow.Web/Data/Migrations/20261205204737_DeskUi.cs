using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceFlow.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class DeskUi : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_user_tasks_open_business_key",
                schema: "serviceflow",
                table: "user_tasks",
                column: "BusinessKey",
                filter: "\"Status\" = 'Open'");

            // IX_tickets_RecordedAt, which the home page's recent tickets use, comes with the Reports migration.

            migrationBuilder.CreateIndex(
                name: "ix_surveys_answered",
                schema: "serviceflow",
                table: "surveys",
                column: "AnsweredAt",
                filter: "\"Status\" = 'Answered'");

            migrationBuilder.CreateIndex(
                name: "ix_sla_clocks_due",
                schema: "serviceflow",
                table: "sla_clocks",
                column: "DueAt",
                filter: "\"State\" IN ('Running', 'Breached')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_user_tasks_open_business_key",
                schema: "serviceflow",
                table: "user_tasks");

            migrationBuilder.DropIndex(
                name: "ix_surveys_answered",
                schema: "serviceflow",
                table: "surveys");

            migrationBuilder.DropIndex(
                name: "ix_sla_clocks_due",
                schema: "serviceflow",
                table: "sla_clocks");
        }
    }
}
