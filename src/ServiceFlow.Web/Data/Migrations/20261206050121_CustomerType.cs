using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceFlow.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class CustomerType : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CustomerType",
                schema: "serviceflow",
                table: "tickets",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CustomerType",
                schema: "serviceflow",
                table: "report_facts",
                type: "text",
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CustomerType",
                schema: "serviceflow",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "CustomerType",
                schema: "serviceflow",
                table: "report_facts");
        }
    }
}
