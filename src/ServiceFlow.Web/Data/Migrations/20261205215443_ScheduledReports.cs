using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceFlow.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ScheduledReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "report_deliveries",
                schema: "serviceflow",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SubscriptionId = table.Column<Guid>(type: "uuid", nullable: false),
                    PeriodKey = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Recipients = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_report_deliveries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "report_mail_files",
                schema: "serviceflow",
                columns: table => new
                {
                    OutboxId = table.Column<Guid>(type: "uuid", nullable: false),
                    DeliveryId = table.Column<Guid>(type: "uuid", nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_report_mail_files", x => x.OutboxId);
                });

            migrationBuilder.CreateTable(
                name: "report_subscriptions",
                schema: "serviceflow",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Report = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Measures = table.Column<List<string>>(type: "text[]", nullable: false),
                    GroupBy = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Filters = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Period = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    RecipientRoles = table.Column<List<string>>(type: "text[]", nullable: false),
                    RecipientPeople = table.Column<List<string>>(type: "text[]", nullable: false),
                    Owner = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_report_subscriptions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_report_deliveries_SubscriptionId_PeriodKey",
                schema: "serviceflow",
                table: "report_deliveries",
                columns: new[] { "SubscriptionId", "PeriodKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_report_mail_files_DeliveryId",
                schema: "serviceflow",
                table: "report_mail_files",
                column: "DeliveryId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "report_deliveries",
                schema: "serviceflow");

            migrationBuilder.DropTable(
                name: "report_mail_files",
                schema: "serviceflow");

            migrationBuilder.DropTable(
                name: "report_subscriptions",
                schema: "serviceflow");
        }
    }
}
