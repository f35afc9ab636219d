using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Surveys;

/// `sf:type="survey"` with input `action`, run inline so the survey row commits with the step:
/// - `invite`: creates the survey and its signed link; outputs `survey` {id, link, expires} and
///   `recipient` {name}, which the following send task's template (survey-invitation) reads;
/// - `remind`: notes that the reminder went out (the link stays the same);
/// - `expire`: closes an unanswered survey, so its link shows "expired".
internal sealed class SurveyTaskHandler(SurveyTokens tokens, IOptions<SurveyOptions> options) : IServiceTaskHandler
{
    public string Type => "survey";
    public bool RunsInline => true;

    public async Task<IReadOnlyDictionary<string, JsonElement>?> ExecuteAsync(ServiceTaskContext context)
    {
        var db = context.Step.Db;
        switch (context.Property("action"))
        {
            case "invite":
                return Invite(context);
            case "remind":
                foreach (var survey in await OpenSurveysAsync(context))
                    survey.ReminderSentAt = context.Step.Now;
                return null;
            case "expire":
                foreach (var survey in await OpenSurveysAsync(context))
                    survey.Status = SurveyStatus.Expired;
                return null;
            case var other:
                throw new InvalidOperationException($"Survey task '{context.ActivityId}' has action '{other}'; use invite, remind or expire.");
        }

        Task<List<Survey>> OpenSurveysAsync(ServiceTaskContext c) =>
            db.Surveys.Where(s => s.InstanceId == c.Instance.Id && s.Status == SurveyStatus.Invited).ToListAsync();
    }

    Dictionary<string, JsonElement> Invite(ServiceTaskContext context)
    {
        var businessKey = context.Instance.BusinessKey
            ?? throw new InvalidOperationException("A callback survey needs a business key (the ticket number).");
        var recipient = Text(context.Variables, "customerEmail")
            ?? throw new InvalidOperationException("A callback survey needs the variable 'customerEmail'.");
        var name = Text(context.Variables, "customerName") ?? recipient;
        var culture = Text(context.Variables, "customerCulture");
        var expires = context.Step.Now.AddDays(options.Value.ValidForDays);
        var survey = new Survey
        {
            Id = Guid.CreateVersion7(),
            BusinessKey = businessKey,
            InstanceId = context.Instance.Id,
            Recipient = recipient,
            RecipientName = name,
            Culture = culture,
            Nonce = SurveyTokens.NewNonce(),
            Status = SurveyStatus.Invited,
            CreatedAt = context.Step.Now,
            ExpiresAt = expires,
        };
        context.Step.Db.Surveys.Add(survey);
        // A path: the mail makes it absolute with ServiceFlow:PublicUrl when it is sent (`absolute_url`).
        var link = $"/survey/{tokens.Create(survey.Id, survey.Nonce, expires)}";
        if (culture is { Length: > 0 })
            link += $"?culture={Uri.EscapeDataString(culture)}";
        return new Dictionary<string, JsonElement>
        {
            ["surveyId"] = JsonSerializer.SerializeToElement(survey.Id),
            ["survey"] = JsonSerializer.SerializeToElement(new { id = survey.Id, link, expires }),
            ["recipient"] = JsonSerializer.SerializeToElement(new { name }),
        };
    }

    static string? Text(IReadOnlyDictionary<string, JsonElement> variables, string name) =>
        variables.TryGetValue(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : null;
}
