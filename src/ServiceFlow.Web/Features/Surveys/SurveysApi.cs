using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceFlow.Engine.Execution;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Surveys;

internal static class SurveysApi
{
    public sealed record StartSurveyRequest([property: System.ComponentModel.DataAnnotations.MaxLength(TextLimits.Name)] string? BusinessKey, Dictionary<string, JsonElement>? Variables);
    public sealed record StartedSurvey(Guid InstanceId, string BusinessKey, string Status);
    public sealed record SurveyItem(Guid Id, string BusinessKey, Guid InstanceId, string Recipient, string Status, int? Score, string? Comment,
        string? Channel, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? AnsweredAt, DateTimeOffset? ReminderSentAt);

    public static void MapSurveysApi(this IEndpointRouteBuilder app)
    {
        var surveys = app.MapGroup("/api/surveys").WithTags("Surveys").RequireAuthorization(Policies.Staff);

        // A resolved ticket starts its survey in code (TicketSurveyHandler). This is the administrator's way
        // to start one by hand: it sends mail to any address, so no other role may.
        surveys.MapPost("/", async Task<Results<Created<StartedSurvey>, ProblemHttpResult>> (
            StartSurveyRequest request, SurveyLauncher launcher, HttpContext http, CancellationToken ct) =>
        {
            var started = await launcher.StartAsync(request.BusinessKey, request.Variables, http.User.Identity?.Name, ct);
            return started.Problem is { } problem
                ? problem
                : TypedResults.Created($"/api/instances/{started.Instance!.Id}",
                    new StartedSurvey(started.Instance.Id, started.Instance.BusinessKey!, started.Instance.Status.ToString()));
        }).RequireAuthorization(Policies.Admin);

        // Customers' addresses, scores and comments: only of the tickets the caller may read.
        surveys.MapGet("/", async (string? businessKey, ServiceFlowDbContext db, InstanceAccess access, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var query = db.Surveys.AsNoTracking();
            if (!user.IsInRole(Roles.Admin))
            {
                var visible = access.VisibleKeys(db, user);
                query = query.Where(s => visible.Contains(s.BusinessKey));
            }
            if (!string.IsNullOrWhiteSpace(businessKey))
                query = query.Where(s => s.BusinessKey == businessKey);
            var rows = await query.OrderByDescending(s => s.CreatedAt).Take(200).ToListAsync(ct);
            return TypedResults.Ok(rows.Select(s => new SurveyItem(s.Id, s.BusinessKey, s.InstanceId, s.Recipient, s.Status.ToString(), s.Score,
                s.Comment, s.Channel?.ToString(), s.CreatedAt, s.ExpiresAt, s.AnsweredAt, s.ReminderSentAt)).ToList());
        });
    }
}

/// Starts the callback survey of one ticket, at most once at a time and never after it was answered.
internal sealed class SurveyLauncher(ProcessRunner runner, ServiceFlowDbContext db, IOptions<SurveyOptions> options)
{
    public sealed record Result(ProcessInstance? Instance, ProblemHttpResult? Problem);

    public async Task<Result> StartAsync(string? businessKey, IReadOnlyDictionary<string, JsonElement>? variables, string? user, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(businessKey))
            return new(null, Problems.BadRequest("businessKey is required: the number of the resolved ticket, e.g. 'SE-2026-000123'."));
        var vars = new Dictionary<string, JsonElement>(variables ?? Variables.None);
        if (!vars.TryGetValue("customerEmail", out var email) || email.ValueKind != JsonValueKind.String || !(email.GetString() ?? "").Contains('@', StringComparison.Ordinal))
            return new(null, Problems.BadRequest("variables.customerEmail is required: the address the invitation goes to."));
        var key = options.Value.WorkflowKey;
        if (await db.ProcessInstances.AnyAsync(i => i.WorkflowKey == key && i.BusinessKey == businessKey && i.Status == InstanceStatus.Running, ct))
            return new(null, Problems.Conflict($"A callback survey for {businessKey} is already running."));
        if (await db.Surveys.AnyAsync(s => s.BusinessKey == businessKey && s.Status == SurveyStatus.Answered, ct))
            return new(null, Problems.Conflict($"The customer already answered the survey for {businessKey}; one answer per ticket."));
        vars["businessKey"] = JsonSerializer.SerializeToElement(businessKey);
        vars.TryAdd("followUpThreshold", JsonSerializer.SerializeToElement(options.Value.FollowUpThreshold));
        var started = await runner.StartAsync(key, null, businessKey, vars, user, ct);
        return new(started.Instance, null);
    }
}
