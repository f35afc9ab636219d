using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Surveys;

public enum AnswerOutcome { Recorded, AlreadyAnswered, Expired, NotFound }

/// Records a score once, from the web page or an email reply, and tells the waiting survey
/// instance (`survey-answer`, correlated by business key) in the same transaction.
internal sealed class SurveyAnswers(ProcessRunner runner, ILogger<SurveyAnswers> log)
{
    public Task<AnswerOutcome> RecordAsync(Guid surveyId, int score, string? comment, SurveyChannel channel, CancellationToken ct = default) =>
        runner.InTransactionAsync(null, ctx => RecordInAsync(ctx, surveyId, score, comment, channel, ct), ct);

    public async Task<AnswerOutcome> RecordInAsync(StepContext ctx, Guid surveyId, int score, string? comment, SurveyChannel channel, CancellationToken ct = default)
    {
        if (!SurveyRules.IsValidScore(score))
            throw new ArgumentOutOfRangeException(nameof(score), score, "A score is 1 to 5.");
        // The row lock orders two answers arriving at once (two tabs, web and email): the second sees Answered.
        var survey = await ctx.Db.Surveys
            .FromSqlInterpolated($"SELECT * FROM serviceflow.surveys WHERE \"Id\" = {surveyId} FOR UPDATE")
            .SingleOrDefaultAsync(ct);
        if (survey is null)
            return AnswerOutcome.NotFound;
        if (survey.Status == SurveyStatus.Answered
            || await ctx.Db.Surveys.AnyAsync(s => s.BusinessKey == survey.BusinessKey && s.Status == SurveyStatus.Answered, ct))
            return AnswerOutcome.AlreadyAnswered;
        if (survey.Status == SurveyStatus.Expired || survey.ExpiresAt <= ctx.Now)
            return AnswerOutcome.Expired;

        survey.Status = SurveyStatus.Answered;
        survey.Score = score;
        survey.Comment = SurveyRules.CleanComment(comment);
        survey.Channel = channel;
        survey.AnsweredAt = ctx.Now;
        var variables = new Dictionary<string, JsonElement>
        {
            ["score"] = JsonSerializer.SerializeToElement(score),
            ["comment"] = JsonSerializer.SerializeToElement(survey.Comment),
            ["answerChannel"] = JsonSerializer.SerializeToElement(channel.ToString().ToLowerInvariant()),
        };
        var reached = await runner.CorrelateInAsync(ctx, SurveyRules.AnswerMessage, survey.BusinessKey, variables, ct: ct);
        if (reached.Count == 0) // the instance was cancelled or migrated away; the customer's opinion still counts
            log.LogWarning("Survey {Survey} of {BusinessKey} was answered, but no survey instance was waiting", survey.Id, survey.BusinessKey);
        return AnswerOutcome.Recorded;
    }
}
