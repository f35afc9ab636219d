using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceFlow.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class TaskKind : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_user_tasks_InstanceId_EngineTaskId",
                schema: "serviceflow",
                table: "user_tasks");

            migrationBuilder.AlterColumn<Guid>(
                name: "InstanceId",
                schema: "serviceflow",
                table: "user_tasks",
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");

            // Every task so far is a process task, except the SLA escalation tasks, which used their clock's id as
            // a stand-in InstanceId: they become escalation tasks without an instance, their id prefixed with the
            // clock's (SlaEscalations.TaskIdPrefix), which is how a clock still finds its open ones.
            migrationBuilder.AddColumn<string>(
                name: "Kind",
                schema: "serviceflow",
                table: "user_tasks",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "Process");

            migrationBuilder.Sql("""
                UPDATE serviceflow.user_tasks t
                SET "Kind" = 'Escalation',
                    "EngineTaskId" = replace(t."InstanceId"::text, '-', '') || ':' || t."EngineTaskId",
                    "InstanceId" = NULL
                WHERE t."WorkflowKey" = 'sla'
                  AND NOT EXISTS (SELECT 1 FROM serviceflow.process_instances p WHERE p."Id" = t."InstanceId");
                ALTER TABLE serviceflow.user_tasks ALTER COLUMN "Kind" DROP DEFAULT;
                """);

            migrationBuilder.CreateIndex(
                name: "IX_user_tasks_InstanceId_EngineTaskId",
                schema: "serviceflow",
                table: "user_tasks",
                columns: new[] { "InstanceId", "EngineTaskId" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);

            migrationBuilder.AddCheckConstraint(
                name: "ck_user_tasks_kind_instance",
                schema: "serviceflow",
                table: "user_tasks",
                sql: "(\"Kind\" = 'Process') = (\"InstanceId\" IS NOT NULL)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_user_tasks_InstanceId_EngineTaskId",
                schema: "serviceflow",
                table: "user_tasks");

            migrationBuilder.DropCheckConstraint(
                name: "ck_user_tasks_kind_instance",
                schema: "serviceflow",
                table: "user_tasks");

            migrationBuilder.Sql("""
                UPDATE serviceflow.user_tasks
                SET "InstanceId" = split_part("EngineTaskId", ':', 1)::uuid,
                    "EngineTaskId" = substr("EngineTaskId", strpos("EngineTaskId", ':') + 1)
                WHERE "Kind" = 'Escalation';
                """);

            migrationBuilder.DropColumn(
                name: "Kind",
                schema: "serviceflow",
                table: "user_tasks");

            migrationBuilder.AlterColumn<Guid>(
                name: "InstanceId",
                schema: "serviceflow",
                table: "user_tasks",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_user_tasks_InstanceId_EngineTaskId",
                schema: "serviceflow",
                table: "user_tasks",
                columns: new[] { "InstanceId", "EngineTaskId" },
                unique: true);
        }
    }
}
