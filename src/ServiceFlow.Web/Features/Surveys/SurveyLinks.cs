using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Email;

namespace ServiceFlow.Web.Features.Surveys;

/// The survey link is made when the invitation or reminder is sent, from the survey row, and exists only
/// in that mail: never in the process variables, the outbox row or the journal, so no member of staff
/// (the handler whose work it rates included) can read it and answer in the customer's place.
internal sealed class SurveyLinks(SurveyTokens tokens) : IMailModelSource
{
    public async Task AddAsync(OutboxMessage message, Dictionary<string, object?> model, ServiceFlowDbContext db, CancellationToken ct)
    {
        if (model.GetValueOrDefault("survey") is not Dictionary<string, object?> survey
            || !Guid.TryParse(survey.GetValueOrDefault("id") as string, out var id))
            return;
        var row = await db.Surveys.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct)
            ?? throw new InvalidOperationException($"Mail {message.Id} invites to survey {id}, which does not exist.");
        survey["link"] = Link(row);
    }

    /// A path: the template makes it absolute with ServiceFlow:PublicUrl (`absolute_url`).
    public string Link(Survey survey)
    {
        var link = $"/survey/{tokens.Create(survey.Id, survey.Nonce, survey.ExpiresAt)}";
        return survey.Culture is { Length: > 0 } culture ? $"{link}?culture={Uri.EscapeDataString(culture)}" : link;
    }
}
