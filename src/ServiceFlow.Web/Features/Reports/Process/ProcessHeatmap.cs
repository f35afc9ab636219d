using Microsoft.EntityFrameworkCore;
using NpgsqlTypes;
using ServiceFlow.Engine.Model;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Reports.Measures;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Reports.Process;

/// Seconds; null when no visit has ended yet.
/// A flow also names the nodes it joins (`From`, `To`), by which a flow without a name of its own is shown.
public sealed record StepStats(string Id, string? Name, string Kind, long Count, long Completed, long Waiting, double? P50, double? P90, double? Max, bool Slowest,
    string? From = null, string? To = null);

public sealed record ProcessHeat(string Workflow, int Version, IReadOnlyList<int> Versions, ReportScopeInfo Scope, long Instances,
    IReadOnlyList<StepStats> Nodes, IReadOnlyList<StepStats> Flows, string Xml, Guid DefinitionId);

/// Where a workflow version's time goes, from its journal (Runtime/JournalRows: one jsonb array per step):
/// each node's visits (NodeEntered) and the time until the same token left it (NodeLeft), each flow's uses
/// (the flows a NodeLeft names) and the time its token spent in the node it left by that flow. Instances
/// are those of the version started in the period; `priority` keeps those whose ticket has that priority.
internal static class ProcessHeatmap
{
    const int SlowestShown = 3;

    const string Sql = """
        WITH inst AS (
          SELECT i."Id" FROM serviceflow.process_instances i
          WHERE i."DefinitionId" = @definition AND i."StartedAt" >= @from AND i."StartedAt" < @to
            AND (cardinality(@priorities) = 0 OR EXISTS (SELECT 1 FROM serviceflow.tickets t WHERE t."Number" = i."BusinessKey" AND t."Priority" = ANY(@priorities)))
        ), e AS (
          SELECT j."InstanceId" AS inst, j."Id" AS step, x.ord, x.v->>'k' AS kind, x.v->>'n' AS node, x.v->>'t' AS token, x.v->>'d' AS detail,
                 COALESCE((x.v->>'at')::timestamptz, j."At") AS at
          FROM serviceflow.journal j JOIN inst ON inst."Id" = j."InstanceId"
          CROSS JOIN LATERAL jsonb_array_elements(j."Entries") WITH ORDINALITY AS x(v, ord)
          WHERE x.v->>'k' IN ('NodeEntered', 'NodeLeft')
        ), paired AS (
          SELECT node, kind, detail, extract(epoch FROM at - lag(at) OVER w) AS seconds, lag(kind) OVER w AS before
          FROM e WINDOW w AS (PARTITION BY inst, token, node ORDER BY step, ord)
        ), left_nodes AS (
          SELECT node, detail, seconds FROM paired WHERE kind = 'NodeLeft' AND before = 'NodeEntered'
        )
        SELECT 'node', node, count(*) FILTER (WHERE kind = 'NodeEntered'), count(*) FILTER (WHERE kind = 'NodeLeft' AND before = 'NodeEntered'),
               percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) FILTER (WHERE kind = 'NodeLeft' AND before = 'NodeEntered'),
               percentile_cont(0.9) WITHIN GROUP (ORDER BY seconds) FILTER (WHERE kind = 'NodeLeft' AND before = 'NodeEntered'),
               max(seconds) FILTER (WHERE kind = 'NodeLeft' AND before = 'NodeEntered')
        FROM paired GROUP BY node
        UNION ALL
        SELECT 'flow', flow, count(*), count(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds), percentile_cont(0.9) WITHIN GROUP (ORDER BY seconds), max(seconds)
        FROM left_nodes CROSS JOIN LATERAL unnest(string_to_array(detail, ',')) AS f(flow) GROUP BY flow
        UNION ALL
        SELECT 'instances', NULL, count(*), 0, NULL, NULL, NULL FROM inst
        """;

    public static async Task<ProcessHeat> ComputeAsync(ServiceFlowDbContext db, DefinitionStore definitions, string workflow, int? version,
        ReportScope scope, string[] priorities, CancellationToken ct)
    {
        var versions = await db.WorkflowDefinitions.AsNoTracking().Where(d => d.Key == workflow).OrderByDescending(d => d.Version)
            .Select(d => new { d.Id, d.Version, d.Xml }).ToListAsync(ct);
        if (versions.Count == 0)
            throw RuntimeProblem.NotFound($"There is no workflow '{workflow}'.");
        var chosen = version is { } v ? versions.FirstOrDefault(x => x.Version == v) ?? throw RuntimeProblem.NotFound(
            $"Workflow '{workflow}' has no version {v}; it has {string.Join(", ", versions.Select(x => x.Version))}.") : versions[0];
        var definition = await definitions.GetAsync(chosen.Id, ct);

        await using var cmd = await ReportDb.CommandAsync(db, Sql, ct);
        cmd.Parameters.Add(new("definition", NpgsqlDbType.Uuid) { Value = chosen.Id });
        cmd.Parameters.Add(new("from", NpgsqlDbType.TimestampTz) { Value = scope.From.UtcDateTime });
        cmd.Parameters.Add(new("to", NpgsqlDbType.TimestampTz) { Value = scope.To.UtcDateTime });
        cmd.Parameters.Add(new("priorities", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = priorities });
        var nodes = new List<StepStats>();
        var flows = new List<StepStats>();
        long instances = 0;
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                double? D(int i) => r.IsDBNull(i) ? null : r.GetDouble(i);
                var what = r.GetString(0);
                if (what == "instances")
                {
                    instances = r.GetInt64(2);
                    continue;
                }
                var id = r.GetString(1);
                var (count, completed) = (r.GetInt64(2), r.GetInt64(3));
                if (what == "node" && definition.Nodes.TryGetValue(id, out var node))
                    nodes.Add(new StepStats(id, node.Name, node.Kind.ToString(), count, completed, count - completed, D(4), D(5), D(6), false));
                else if (what == "flow" && definition.Flows.TryGetValue(id, out var flow))
                    flows.Add(new StepStats(id, flow.Name, "SequenceFlow", count, completed, 0, D(4), D(5), D(6), false, flow.SourceRef, flow.TargetRef));
            }
        }
        // The slowest steps: activities (where people and systems work) by median time spent.
        var slowest = nodes.Where(n => n.P50 is > 0 && IsActivity(n.Kind)).OrderByDescending(n => n.P50).Take(SlowestShown).Select(n => n.Id).ToHashSet();
        return new ProcessHeat(workflow, chosen.Version, [.. versions.Select(x => x.Version)], Breakdowns.Info(scope), instances,
            [.. nodes.Select(n => n with { Slowest = slowest.Contains(n.Id) }).OrderByDescending(n => n.P50 ?? -1)],
            [.. flows.OrderByDescending(f => f.Count)], chosen.Xml, chosen.Id);
    }

    static bool IsActivity(string kind) => Enum.TryParse<NodeKind>(kind, out var k) && k is NodeKind.UserTask or NodeKind.ServiceTask or NodeKind.SendTask
        or NodeKind.ScriptTask or NodeKind.SubProcess or NodeKind.CallActivity;
}
