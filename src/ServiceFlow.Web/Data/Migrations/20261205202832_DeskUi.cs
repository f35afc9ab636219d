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
                name: "IX_tickets_RecordedAt",
                schema: "serviceflow",
                table: "tickets",
                column: "RecordedAt");

            migrationBuilder.CreateIndex(
                name: "ix_surveys_answered",
                schema: "serviceflow",
                table: "surveys",
                column: "AnsweredAt",
                filter: "\"Status\" = 'Answered'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_tickets_RecordedAt",
                schema: "serviceflow",
                table: "tickets");

            migrationBuilder.DropIndex(
                name: "ix_surveys_answered",
                schema: "serviceflow",
                table: "surveys");
        }
    }
}
