using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ServiceFlow.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class DmnHost : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Impact",
                schema: "serviceflow",
                table: "tickets",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Urgency",
                schema: "serviceflow",
                table: "tickets",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "decision_drafts",
                schema: "serviceflow",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Xml = table.Column<string>(type: "text", nullable: false),
                    UpdatedBy = table.Column<string>(type: "text", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_decision_drafts", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "decision_pins",
                schema: "serviceflow",
                columns: table => new
                {
                    DefinitionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_decision_pins", x => new { x.DefinitionId, x.Key });
                });

            migrationBuilder.CreateTable(
                name: "decision_versions",
                schema: "serviceflow",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Xml = table.Column<string>(type: "text", nullable: false),
                    ContentHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DecisionIds = table.Column<string[]>(type: "text[]", nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PublishedBy = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_decision_versions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_decision_versions_Key_Version",
                schema: "serviceflow",
                table: "decision_versions",
                columns: new[] { "Key", "Version" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "decision_drafts",
                schema: "serviceflow");

            migrationBuilder.DropTable(
                name: "decision_pins",
                schema: "serviceflow");

            migrationBuilder.DropTable(
                name: "decision_versions",
                schema: "serviceflow");

            migrationBuilder.DropColumn(
                name: "Impact",
                schema: "serviceflow",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "Urgency",
                schema: "serviceflow",
                table: "tickets");
        }
    }
}
