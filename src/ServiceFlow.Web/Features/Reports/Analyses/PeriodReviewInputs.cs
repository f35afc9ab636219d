using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Engine.Execution;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Reports.Analyses;

/// What the quality supervisor and management enter in the periodic review's tasks, checked and written to the
/// analysis in the completion's own step (whatever client completed the task): the conclusions and proposals, then
/// the review — sent back with a comment (the quality task comes again), or approved with the actions decided, after
/// which the analysis is a read-only document.
internal sealed class PeriodReviewInputs : IStepObserver
{
    public const string WorkflowKey = "periodic-review";
    public const string AnalyseTask = "analyse";
    public const string ReviewTask = "review";

    public async Task OnStepAsync(StepContext ctx, ProcessInstance instance, StepResult result)
    {
        if (instance.WorkflowKey != WorkflowKey || ctx.Command is not CompleteUserTask done || result.Ignored)
            return;
        var activity = await ctx.Db.UserTasks.Where(t => t.InstanceId == instance.Id && t.EngineTaskId == done.TaskId).Select(t => t.ActivityId).FirstOrDefaultAsync();
        var analysis = await ctx.Db.Set<PeriodAnalysis>().SingleOrDefaultAsync(a => a.InstanceId == instance.Id);
        if (analysis is null || activity is not (AnalyseTask or ReviewTask))
            return;
        if (analysis.State == AnalysisState.Approved)
            throw RuntimeProblem.Conflict($"The analysis of {analysis.Label} is approved and read-only.");
        var entered = done.Variables ?? Runtime.Variables.None;
        if (activity == AnalyseTask)
        {
            analysis.Conclusions = Text(entered, "conclusions")
                ?? throw RuntimeProblem.BadRequest($"Write the conclusions of the analysis of {analysis.Label}: management reviews them.");
            // A pass after a send-back starts from the earlier text (the form prefills it): what is sent is what is
            // kept, so proposals emptied there (sent as null) are cleared; a client that leaves the key out keeps them.
            if (entered.ContainsKey("proposals"))
                analysis.Proposals = Text(entered, "proposals");
            (analysis.AnalysedBy, analysis.AnalysedAt, analysis.State) = (ctx.User, ctx.Now, AnalysisState.InReview);
            return;
        }

        var decision = Text(entered, "decision");
        var comment = Text(entered, "comment");
        if (decision == "return")
        {
            if (comment is null)
                throw RuntimeProblem.BadRequest($"Say why the analysis of {analysis.Label} goes back to quality: the quality supervisor sees your comment.");
            analysis.Returns = [.. analysis.Returns, new AnalysisReturn(ctx.Now, ctx.User, comment)];
            analysis.State = AnalysisState.InAnalysis;
            return;
        }
        if (decision != "approve")
            throw RuntimeProblem.BadRequest($"decision is approve or return.");
        analysis.Actions = Actions(Text(entered, "actions"));
        (analysis.ReviewedBy, analysis.ReviewedAt, analysis.ReviewComment, analysis.State) = (ctx.User, ctx.Now, comment, AnalysisState.Approved);
    }

    /// One action per line: what | owner | due date (yyyy-MM-dd).
    public static List<AnalysisAction> Actions(string? text)
    {
        var actions = new List<AnalysisAction>();
        var lines = (text ?? "").Split('\n').Select(l => l.Trim()).ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Length == 0)
                continue;
            var parts = lines[i].Split('|', StringSplitOptions.TrimEntries);
            var line = i + 1;
            if (parts.Length != 3 || parts[0].Length == 0 || parts[1].Length == 0)
                throw RuntimeProblem.BadRequest($"Action line {line} should read \"what | owner | yyyy-MM-dd\", not \"{lines[i]}\".");
            if (!DateOnly.TryParseExact(parts[2], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var due))
                throw RuntimeProblem.BadRequest($"The due date of action line {line} must be a date like 2026-07-31, not \"{parts[2]}\".");
            actions.Add(new AnalysisAction(parts[0], parts[1], due));
        }
        return actions;
    }

    static string? Text(IReadOnlyDictionary<string, JsonElement> variables, string name) =>
        variables.TryGetValue(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString()?.Trim() is { Length: > 0 } s ? s : null;
}
