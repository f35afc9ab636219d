using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;

namespace ServiceFlow.Web.Features.Surveys;

/// The customer's page behind the link in the invitation: anonymous, one click per score. Every
/// link that cannot be answered (tampered, expired, used, opened by the ticket's own handler)
/// gets a page saying so, never an error.
[AllowAnonymous]
internal sealed class AnswerModel(SurveyTokens tokens, SurveyAnswers answers, ServiceFlowDbContext db, TimeProvider clock) : PageModel
{
    public enum Outcome { Form, Thanks, AlreadyAnswered, Expired, Invalid, StaffRefused }

    public Outcome Shown { get; private set; }
    public string? TicketNumber { get; private set; }
    public string? TicketTitle { get; private set; }
    public string? CustomerName { get; private set; }
    public bool ScoreMissing { get; private set; }

    [BindProperty] public string? Comment { get; set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        await ResolveAsync(token, ct);
        return Show(Shown);
    }

    public async Task<IActionResult> OnPostAsync(string token, int? score, CancellationToken ct)
    {
        var survey = await ResolveAsync(token, ct);
        if (Shown != Outcome.Form)
            return Show(Shown, posted: true);
        if (score is not { } s || !SurveyRules.IsValidScore(s))
        {
            ScoreMissing = true;
            return Show(Outcome.Form, status: StatusCodes.Status400BadRequest);
        }
        var outcome = await answers.RecordAsync(survey!.Id, s, Comment, SurveyChannel.Web, ct);
        return Show(outcome switch
        {
            AnswerOutcome.Recorded => Outcome.Thanks,
            AnswerOutcome.AlreadyAnswered => Outcome.AlreadyAnswered,
            AnswerOutcome.Expired => Outcome.Expired,
            _ => Outcome.Invalid,
        }, posted: true);
    }

    async Task<Survey?> ResolveAsync(string token, CancellationToken ct)
    {
        Shown = Outcome.Invalid;
        if (tokens.Read(token) is not var (id, nonce))
            return null;
        var survey = await db.Surveys.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct);
        if (survey is null || !SurveyTokens.NonceMatches(survey.Nonce, nonce))
            return null;
        var variables = await db.ProcessInstances.AsNoTracking().Where(i => i.Id == survey.InstanceId).Select(i => i.Variables).SingleOrDefaultAsync(ct);
        ReadTicket(variables);
        CustomerName = survey.RecipientName;
        Shown = HandledByCurrentUser(variables) ? Outcome.StaffRefused
            : survey.Status == SurveyStatus.Answered ? Outcome.AlreadyAnswered
            : survey.Status == SurveyStatus.Expired || survey.ExpiresAt <= clock.GetUtcNow() ? Outcome.Expired
            : Outcome.Form;
        return survey;
    }

    PageResult Show(Outcome outcome, bool posted = false, int? status = null)
    {
        Shown = outcome;
        Response.StatusCode = status ?? outcome switch
        {
            Outcome.Invalid => StatusCodes.Status404NotFound,
            Outcome.Expired => StatusCodes.Status410Gone,
            Outcome.StaffRefused => StatusCodes.Status403Forbidden,
            Outcome.AlreadyAnswered when posted => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status200OK,
        };
        return Page();
    }

    // The people who handled the ticket must not rate their own work (the survey measures them).
    bool HandledByCurrentUser(string? variables)
    {
        if (User.Identity is not { IsAuthenticated: true, Name: { Length: > 0 } me } || variables is null)
            return false;
        using var doc = JsonDocument.Parse(variables);
        if (!doc.RootElement.TryGetProperty("handledBy", out var handledBy))
            return false;
        var names = handledBy.ValueKind switch
        {
            JsonValueKind.Array => handledBy.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList(),
            JsonValueKind.String => [.. handledBy.GetString()!.Split(',', StringSplitOptions.TrimEntries)],
            _ => [],
        };
        return names.Contains(me, StringComparer.OrdinalIgnoreCase);
    }

    void ReadTicket(string? variables)
    {
        if (variables is null)
            return;
        using var doc = JsonDocument.Parse(variables);
        if (doc.RootElement.TryGetProperty("ticket", out var ticket) && ticket.ValueKind == JsonValueKind.Object)
        {
            TicketNumber = ticket.TryGetProperty("number", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            TicketTitle = ticket.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        }
    }
}
