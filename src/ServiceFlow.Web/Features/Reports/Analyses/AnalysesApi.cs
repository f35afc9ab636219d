using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;

namespace ServiceFlow.Web.Features.Reports.Analyses;

public sealed record AnalysisSummary(Guid Id, string Kind, string Label, string From, string To, string State, DateTimeOffset ComputedAt,
    string? AnalysedBy, string? ReviewedBy, DateTimeOffset? ReviewedAt, int Actions);

internal sealed record AnalysisDocument(Guid Id, string Kind, string Label, string From, string To, string State, DateTimeOffset ComputedAt,
    Guid? InstanceId, string? Conclusions, string? Proposals, string? AnalysedBy, DateTimeOffset? AnalysedAt, string? ReviewedBy,
    DateTimeOffset? ReviewedAt, string? ReviewComment, IReadOnlyList<AnalysisAction> Actions, IReadOnlyList<AnalysisReturn> Returns,
    AnalysisFigures? Figures);

/// Conclusions and proposals amended while the analysis is with quality.
public sealed record AnalysisEdit(string? Conclusions, string? Proposals);

/// /api/reports/analyses: the periodic analyses, for quality supervisors, management (supervisors), auditors and
/// administrators. Written by the periodic-review workflow; quality may amend its text while the analysis is with
/// them, and nobody once it is in review or approved (409): an approved analysis is a record of what was decided.
internal static class AnalysesApi
{
    const int MaxText = 8000;

    public static void MapAnalysesApi(this IEndpointRouteBuilder app)
    {
        var analyses = app.MapGroup("/api/reports/analyses").WithTags("Reports").RequireAuthorization(ReportPolicies.Analyses);

        analyses.MapGet("/", async (ServiceFlowDbContext db, CancellationToken ct) =>
            TypedResults.Ok((await db.Set<PeriodAnalysis>().AsNoTracking().OrderByDescending(a => a.PeriodFrom).ThenBy(a => a.Kind).ToListAsync(ct))
                .Select(Summary).ToList()))
            .WithSummary("The periodic analyses, newest period first");

        analyses.MapGet("/{id:guid}", async Task<Results<Ok<AnalysisDocument>, ProblemHttpResult>> (Guid id, ServiceFlowDbContext db, CancellationToken ct) =>
            await db.Set<PeriodAnalysis>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct) is { } a
                ? TypedResults.Ok(Document(a))
                : Problems.NotFound($"There is no period analysis {id}."))
            .WithSummary("One analysis: its frozen figures, conclusions, proposals, review and actions");

        analyses.MapPatch("/{id:guid}", async Task<Results<Ok<AnalysisDocument>, ProblemHttpResult>> (Guid id, AnalysisEdit edit, ServiceFlowDbContext db,
            CancellationToken ct) =>
        {
            var a = await db.Set<PeriodAnalysis>().SingleOrDefaultAsync(x => x.Id == id, ct);
            if (a is null)
                return Problems.NotFound($"There is no period analysis {id}.");
            if (a.State == AnalysisState.Approved)
                return Problems.Conflict($"The analysis of {a.Label} is approved: it is a read-only document.");
            if (a.State == AnalysisState.InReview)
                return Problems.Conflict($"The analysis of {a.Label} is with management for review; they can send it back to quality for changes.");
            if (edit.Conclusions is { Length: > MaxText } || edit.Proposals is { Length: > MaxText })
                return Problems.BadRequest($"Conclusions and proposals hold at most {MaxText} characters each.");
            if (edit.Conclusions is not null)
                a.Conclusions = edit.Conclusions.Trim();
            if (edit.Proposals is not null)
                a.Proposals = edit.Proposals.Trim();
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Problems.Conflict($"The analysis of {a.Label} changed meanwhile (a task was completed); reload it and try again.");
            }
            return TypedResults.Ok(Document(a));
        }).RequireAuthorization(ReportPolicies.AnalysisEditors)
            .WithSummary("Amend the conclusions and proposals while the analysis is with quality (409 once in review or approved)");
    }

    static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    static AnalysisSummary Summary(PeriodAnalysis a) =>
        new(a.Id, a.Kind, a.Label, Day(a.PeriodFrom), Day(a.PeriodTo), a.State.ToString(), a.ComputedAt, a.AnalysedBy, a.ReviewedBy, a.ReviewedAt, a.Actions.Count);

    public static AnalysisDocument Document(PeriodAnalysis a) =>
        new(a.Id, a.Kind, a.Label, Day(a.PeriodFrom), Day(a.PeriodTo), a.State.ToString(), a.ComputedAt, a.InstanceId, a.Conclusions, a.Proposals,
            a.AnalysedBy, a.AnalysedAt, a.ReviewedBy, a.ReviewedAt, a.ReviewComment, a.Actions, a.Returns, AnalysisFigures.FromJson(a.Figures));
}
