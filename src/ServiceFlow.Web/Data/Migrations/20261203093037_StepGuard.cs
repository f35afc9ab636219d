using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceFlow.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class StepGuard : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Runtime.StepWriter: a guarded UPDATE that finds its row changed fails the statement, so a
            // step written as one implicit transaction (no BEGIN/COMMIT) is refused as a whole.
            // Not in the model: keep this SQL when the migrations are squashed.
            migrationBuilder.Sql("""
                CREATE FUNCTION serviceflow.expect_row(matched bigint, what text) RETURNS bigint
                LANGUAGE plpgsql AS $$
                BEGIN
                    IF matched = 0 THEN
                        RAISE EXCEPTION 'A row of % was changed by someone else in the meantime', what USING ERRCODE = 'SF409';
                    END IF;
                    RETURN matched;
                END
                $$;
                """);

            // Indexes a step maintains, partial where most rows do not qualify; the journal keyed by
            // (InstanceId, Id), which also serves "this instance's journal in order".
            migrationBuilder.DropIndex(
                name: "IX_user_tasks_CandidateGroups",
                schema: "serviceflow",
                table: "user_tasks");

            migrationBuilder.DropIndex(
                name: "IX_user_tasks_CandidateUsers",
                schema: "serviceflow",
                table: "user_tasks");

            migrationBuilder.DropIndex(
                name: "IX_process_instances_BusinessKey",
                schema: "serviceflow",
                table: "process_instances");

            migrationBuilder.DropIndex(
                name: "IX_process_instances_ParentInstanceId",
                schema: "serviceflow",
                table: "process_instances");

            migrationBuilder.DropIndex(
                name: "IX_process_instances_WorkflowKey_Version_Status",
                schema: "serviceflow",
                table: "process_instances");

            migrationBuilder.DropPrimaryKey(
                name: "PK_journal",
                schema: "serviceflow",
                table: "journal");

            migrationBuilder.DropIndex(
                name: "IX_journal_InstanceId_Id",
                schema: "serviceflow",
                table: "journal");

            migrationBuilder.AddPrimaryKey(
                name: "PK_journal",
                schema: "serviceflow",
                table: "journal",
                columns: new[] { "InstanceId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_user_tasks_CandidateGroups",
                schema: "serviceflow",
                table: "user_tasks",
                column: "CandidateGroups",
                filter: "\"Status\" = 'Open'")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "IX_user_tasks_CandidateUsers",
                schema: "serviceflow",
                table: "user_tasks",
                column: "CandidateUsers",
                filter: "\"Status\" = 'Open'")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "IX_process_instances_BusinessKey",
                schema: "serviceflow",
                table: "process_instances",
                column: "BusinessKey",
                filter: "\"BusinessKey\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_process_instances_ParentInstanceId",
                schema: "serviceflow",
                table: "process_instances",
                column: "ParentInstanceId",
                filter: "\"ParentInstanceId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_process_instances_running",
                schema: "serviceflow",
                table: "process_instances",
                columns: new[] { "WorkflowKey", "Version" },
                filter: "\"Status\" = 'Running'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION serviceflow.expect_row(bigint, text);");

            migrationBuilder.DropIndex(
                name: "IX_user_tasks_CandidateGroups",
                schema: "serviceflow",
                table: "user_tasks");

            migrationBuilder.DropIndex(
                name: "IX_user_tasks_CandidateUsers",
                schema: "serviceflow",
                table: "user_tasks");

            migrationBuilder.DropIndex(
                name: "IX_process_instances_BusinessKey",
                schema: "serviceflow",
                table: "process_instances");

            migrationBuilder.DropIndex(
                name: "IX_process_instances_ParentInstanceId",
                schema: "serviceflow",
                table: "process_instances");

            migrationBuilder.DropIndex(
                name: "ix_process_instances_running",
                schema: "serviceflow",
                table: "process_instances");

            migrationBuilder.DropPrimaryKey(
                name: "PK_journal",
                schema: "serviceflow",
                table: "journal");

            migrationBuilder.AddPrimaryKey(
                name: "PK_journal",
                schema: "serviceflow",
                table: "journal",
                column: "Id");

            migrationBuilder.CreateIndex(
                name: "IX_user_tasks_CandidateGroups",
                schema: "serviceflow",
                table: "user_tasks",
                column: "CandidateGroups")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "IX_user_tasks_CandidateUsers",
                schema: "serviceflow",
                table: "user_tasks",
                column: "CandidateUsers")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "IX_process_instances_BusinessKey",
                schema: "serviceflow",
                table: "process_instances",
                column: "BusinessKey");

            migrationBuilder.CreateIndex(
                name: "IX_process_instances_ParentInstanceId",
                schema: "serviceflow",
                table: "process_instances",
                column: "ParentInstanceId");

            migrationBuilder.CreateIndex(
                name: "IX_process_instances_WorkflowKey_Version_Status",
                schema: "serviceflow",
                table: "process_instances",
                columns: new[] { "WorkflowKey", "Version", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_journal_InstanceId_Id",
                schema: "serviceflow",
                table: "journal",
                columns: new[] { "InstanceId", "Id" });
        }
    }
}
