using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceFlow.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class SecApi : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // An archived or closed record never changes (seed 000 §4.7: the archive is authentic and
            // complete), whichever path tries: a workflow step, the API, a page, a job. Enforced where the
            // rows are written; Data.DatabaseProblemHandler answers SF423 with a 409. The timeline stays
            // appendable (a knowledge draft's link, a late SLA note), but no entry of it changes or goes.
            // Not in the model: keep this SQL when the migrations are squashed.
            migrationBuilder.Sql("""
                CREATE FUNCTION serviceflow.keep_archived_ticket() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    IF OLD."Status" IN ('Archived', 'ClosedAtOnce') THEN
                        RAISE EXCEPTION 'Ticket % is %; archived and closed records never change.', OLD."Number", OLD."Status"
                            USING ERRCODE = 'SF423';
                    END IF;
                    IF TG_OP = 'DELETE' THEN
                        RETURN OLD;
                    END IF;
                    RETURN NEW;
                END
                $$;

                CREATE FUNCTION serviceflow.keep_archived_ticket_part() RETURNS trigger
                LANGUAGE plpgsql AS $$
                DECLARE
                    owner record;
                BEGIN
                    SELECT "Number", "Status" INTO owner FROM serviceflow.tickets
                    WHERE "Id" = CASE WHEN TG_OP = 'INSERT' THEN NEW."TicketId" ELSE OLD."TicketId" END;
                    IF owner."Status" IN ('Archived', 'ClosedAtOnce') THEN
                        RAISE EXCEPTION 'Ticket % is %; archived and closed records never change.', owner."Number", owner."Status"
                            USING ERRCODE = 'SF423';
                    END IF;
                    IF TG_OP = 'DELETE' THEN
                        RETURN OLD;
                    END IF;
                    RETURN NEW;
                END
                $$;

                CREATE TRIGGER archived_never_changes BEFORE UPDATE OR DELETE ON serviceflow.tickets
                    FOR EACH ROW EXECUTE FUNCTION serviceflow.keep_archived_ticket();
                CREATE TRIGGER archived_never_changes BEFORE INSERT OR UPDATE OR DELETE ON serviceflow.ticket_attachments
                    FOR EACH ROW EXECUTE FUNCTION serviceflow.keep_archived_ticket_part();
                CREATE TRIGGER archived_never_changes BEFORE UPDATE OR DELETE ON serviceflow.ticket_entries
                    FOR EACH ROW EXECUTE FUNCTION serviceflow.keep_archived_ticket_part();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER archived_never_changes ON serviceflow.ticket_entries;
                DROP TRIGGER archived_never_changes ON serviceflow.ticket_attachments;
                DROP TRIGGER archived_never_changes ON serviceflow.tickets;
                DROP FUNCTION serviceflow.keep_archived_ticket_part();
                DROP FUNCTION serviceflow.keep_archived_ticket();
                """);
        }
    }
}
