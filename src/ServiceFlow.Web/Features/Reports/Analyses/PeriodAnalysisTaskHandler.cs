using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Reports.Measures;
using ServiceFlow.Web.Features.Sla;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Reports.Analyses;

/// `sf:type="period-analysis"` with input `period` = month | quarter: freezes the last complete period's figures as a
/// period_analyses row, added to the step's own DbContext so it commits with the step. The figures are read on a
/// context of their own (the fact refresh takes its own transaction, which a step's cannot host), from committed data.
/// A period that has its analysis already (a second firing, a republished workflow) outputs `duplicate`, and the
/// workflow ends there; the unique (kind, period) index refuses a concurrent second row.
internal sealed class PeriodAnalysisTaskHandler(IServiceScopeFactory scopes, MeasureService engine, SlaCalendars calendars) : IServiceTaskHandler
{
    public string Type => "period-analysis";
    public bool RunsInline => true;

    public async Task<IReadOnlyDictionary<string, JsonElement>?> ExecuteAsync(ServiceTaskContext context)
    {
        var kind = context.Property("period") is { } p && AnalysisPeriods.Kinds.Contains(p) ? p
            : throw new InvalidOperationException($"Period analysis task '{context.ActivityId}' needs the input 'period' = month or quarter.");
        var zone = calendars.Get("default").TimeZone;
        var (from, to, previousFrom) = AnalysisPeriods.LastComplete(kind, context.Step.Now, zone);
        var label = AnalysisPeriods.Label(kind, from);
        var existing = await context.Step.Db.Set<PeriodAnalysis>().AsNoTracking()
            .Where(a => a.Kind == kind && a.PeriodFrom == from).Select(a => (Guid?)a.Id).FirstOrDefaultAsync();
        if (existing is { } id)
            return Output(id, label, duplicate: true);

        AnalysisFigures figures;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
            figures = await AnalysisFigures.ComputeAsync(db, engine, from, to, previousFrom, zone, context.Step.Now, CancellationToken.None);
        }
        var analysis = new PeriodAnalysis
        {
            Id = Guid.CreateVersion7(),
            Kind = kind,
            PeriodFrom = from,
            PeriodTo = to,
            Label = label,
            InstanceId = context.Instance.Id,
            State = AnalysisState.InAnalysis,
            Figures = figures.ToJson(),
            ComputedAt = context.Step.Now,
        };
        context.Step.Db.Add(analysis);
        return Output(analysis.Id, label, duplicate: false);
    }

    static Dictionary<string, JsonElement> Output(Guid id, string label, bool duplicate) => new()
    {
        ["analysisId"] = JsonSerializer.SerializeToElement(id.ToString()),
        ["period"] = JsonSerializer.SerializeToElement(label),
        ["duplicate"] = JsonSerializer.SerializeToElement(duplicate),
    };
}
