using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceFlow.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Intents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "intents",
                schema: "serviceflow",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    HandedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    JobId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_intents", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_intents_handed",
                schema: "serviceflow",
                table: "intents",
                column: "HandedAt",
                filter: "\"HandedAt\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_intents_waiting",
                schema: "serviceflow",
                table: "intents",
                column: "DueAt",
                filter: "\"HandedAt\" IS NULL");

            // Upgrade: every row already waiting gets its intent, not yet handed, so the first pass of the new
            // version hands it to Hangfire when it comes due (a job the old version made may run as well; every
            // job re-reads its row, so the second changes nothing). The old job id is kept for reference.
            migrationBuilder.Sql("""
                INSERT INTO serviceflow.intents ("Id", "Kind", "SubjectId", "DueAt", "CreatedAt", "HandedAt", "JobId")
                SELECT gen_random_uuid(), 'bookmark', b."Id", COALESCE(b."DueAt", now()), now(), NULL, b."HangfireJobId"
                FROM serviceflow.bookmarks b WHERE b."Kind" IN ('Timer', 'Continuation', 'Job');
                INSERT INTO serviceflow.intents ("Id", "Kind", "SubjectId", "DueAt", "CreatedAt", "HandedAt", "JobId")
                SELECT gen_random_uuid(), 'sla-window', t."Id", t."DueAt", now(), NULL, t."HangfireJobId"
                FROM serviceflow.sla_timers t WHERE t."FiredAt" IS NULL AND t."CancelledAt" IS NULL;
                INSERT INTO serviceflow.intents ("Id", "Kind", "SubjectId", "DueAt", "CreatedAt", "HandedAt", "JobId")
                SELECT gen_random_uuid(), 'timer-start', s."Id", s."NextDue", now(), NULL, s."HangfireJobId"
                FROM serviceflow.timer_starts s WHERE s."Active" AND s."NextDue" IS NOT NULL;
                INSERT INTO serviceflow.intents ("Id", "Kind", "SubjectId", "DueAt", "CreatedAt", "HandedAt", "JobId")
                SELECT gen_random_uuid(), 'outbox', m."Id", COALESCE(m."NotBefore", m."NextAttemptAt", now()), now(), NULL, NULL
                FROM serviceflow.outbox_messages m WHERE m."Status" = 'Pending';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "intents",
                schema: "serviceflow");
        }
    }
}
