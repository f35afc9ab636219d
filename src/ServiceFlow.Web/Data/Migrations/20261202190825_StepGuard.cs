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
            // Not in the model: keep this migration when the migrations are squashed again.
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION serviceflow.expect_row(bigint, text);");
        }
    }
}
