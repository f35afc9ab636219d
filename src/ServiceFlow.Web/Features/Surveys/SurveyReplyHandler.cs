using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Email;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Surveys;

/// A score by mail: a reply to a survey invitation or reminder that starts with 1–5, from the invited
/// address, is recorded as that survey's answer (MailIntake asks this before treating it as a reply to the
/// ticket). Anyone else's reply, or one that is no score, stays an ordinary reply.
internal sealed class SurveyReplyHandler(SurveyAnswers surveys, ILogger<SurveyReplyHandler> log) : IInboundReplyHandler
{
    public async Task<HandledReply?> TryHandleAsync(StepContext ctx, InboundReply reply, CancellationToken ct)
    {
        if (reply.Origin is not { Template: "survey-invitation" or "survey-reminder", InstanceId: { } surveyInstance }
            || SurveyReply.Parse(reply.Text) is not var (score, comment))
            return null;
        var survey = await ctx.Db.Surveys.AsNoTracking().Where(s => s.InstanceId == surveyInstance).OrderByDescending(s => s.CreatedAt).FirstOrDefaultAsync(ct);
        if (survey is null || !string.Equals(survey.Recipient, reply.Mail.FromAddress, StringComparison.OrdinalIgnoreCase))
            return null;
        var outcome = await surveys.RecordInAsync(ctx, survey.Id, score, comment, SurveyChannel.Email, ct);
        log.LogInformation("Survey reply {MessageId} for {BusinessKey}: {Outcome}", reply.Mail.MessageId, reply.Mail.BusinessKey, outcome);
        return new HandledReply(InboundMailStatus.SurveyAnswer, surveyInstance);
    }
}

/// "A reply whose body starts with a digit 1–5 is a score": `2`, `2 - slow answer`, `4。谢谢`. The rest of
/// the first lines (up to the quoted original) is the comment.
internal static class SurveyReply
{
    public static (int Score, string? Comment)? Parse(string? text)
    {
        var body = (text ?? "").TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (body.Length == 0 || body[0] is < '1' or > '5' || (body.Length > 1 && char.IsDigit(body[1])))
            return null;
        var lines = body[1..].Split('\n').Select(l => l.TrimEnd('\r'))
            .TakeWhile(l => !l.StartsWith('>') && !IsQuoteHeader(l));
        var comment = string.Join('\n', lines).Trim().TrimStart('-', ':', '.', ',', '/', '。', '，', '：', ' ').Trim();
        return (body[0] - '0', comment.Length == 0 ? null : comment);
    }

    static bool IsQuoteHeader(string line) =>
        line.Contains("wrote:", StringComparison.OrdinalIgnoreCase) || line.Contains("写道", StringComparison.Ordinal)
        || line.StartsWith("-----Original", StringComparison.OrdinalIgnoreCase) || line.StartsWith("From:", StringComparison.OrdinalIgnoreCase);
}
