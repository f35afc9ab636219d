using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Inbox;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Reports.Analyses;

/// What the periodic review's tasks show beside their form: the analysis their instance froze (its `analysisId`
/// variable, set by the period-analysis task), linked to its document, with the key figures against the period before,
/// quality's text for management to review, and, when management sent it back, their comment on top. Someone who may
/// not read analyses (a task reassigned outside quality and management) sees the period only.
internal sealed class AnalysisTaskSubject(IStringLocalizer l, IAuthorizationService authorization) : ITaskSubjects
{
    public const string Variable = "analysisId";

    public async Task<TaskSubject?> FindAsync(ServiceFlowDbContext db, UserTask task, IReadOnlyDictionary<string, JsonElement> variables, ClaimsPrincipal user,
        CancellationToken ct)
    {
        if (!variables.TryGetValue(Variable, out var value) || value.ValueKind != JsonValueKind.String || !Guid.TryParse(value.GetString(), out var id))
            return null;
        // The instance's own analysis only: a variable alone does not open another one.
        var analysis = await db.Set<PeriodAnalysis>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == id && a.InstanceId == task.InstanceId, ct);
        if (analysis is null)
            return null;
        var term = l["Period analysis"];
        if (!(await authorization.AuthorizeAsync(user, ReportPolicies.Analyses)).Succeeded)
            return new TaskSubject(term, analysis.Label, null);
        var card = new AnalysisTaskCard(analysis, AnalysisFigures.FromJson(analysis.Figures),
            analysis.State == AnalysisState.InAnalysis ? analysis.Returns.LastOrDefault() : null);
        return new TaskSubject(term, analysis.Label, $"/reports/analyses/{analysis.Id}", "/Features/Reports/Analyses/_AnalysisTask.cshtml", card);
    }
}

/// The card's model: `SentBack` is management's latest return while the analysis is back with quality.
internal sealed record AnalysisTaskCard(PeriodAnalysis Analysis, AnalysisFigures? Figures, AnalysisReturn? SentBack)
{
    /// The headline figures of the card; the document has them all, with the breakdowns and the Pareto.
    public static readonly IReadOnlyList<string> Keys = ["volume", "resolved", "resolutionRate", "sla.resolution", "satisfaction", "complaintRate", "reopenRate"];
}
