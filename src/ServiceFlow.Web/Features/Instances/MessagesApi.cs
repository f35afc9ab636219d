using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Instances;

/// `POST /api/messages`: messages from outside reach only the definitions that mark the message public
/// for the caller (`sf:candidateSenderGroups` on the `message` element). Internal messages (a survey
/// answer, a customer's reply) are raised by their features in code and refused here, whoever asks.
internal static class MessagesApi
{
    public sealed record MessageRequest([property: Required, MaxLength(TextLimits.Name)] string Name,
        [property: MaxLength(TextLimits.Name)] string? CorrelationKey, Dictionary<string, JsonElement>? Variables);
    public sealed record MessageResponse(IReadOnlyList<Guid> Instances);

    public static void MapMessagesApi(this IEndpointRouteBuilder app)
    {
        var messages = app.MapGroup("/api/messages").WithTags("Instances").RequireAuthorization(Policies.Staff);
        messages.MapPost("/", async Task<Results<Ok<MessageResponse>, ProblemHttpResult>> (
            MessageRequest request, ProcessRunner runner, DefinitionStore definitions, ServiceFlowDbContext db, ClaimsPrincipal user, CancellationToken ct) =>
        {
            if (!await IsPublicForAsync(db, definitions, request.Name, user, ct))
                return Problems.Forbidden($"Message '{request.Name}' is not one you may send: no published workflow marks it public for your roles "
                    + "(sf:candidateSenderGroups on its message). Internal messages such as survey answers and customer replies come from their features only.");
            var reached = await runner.CorrelateAsync(request.Name, request.CorrelationKey, request.Variables, user.Identity?.Name,
                process => WorkflowAccess.MaySend(process, request.Name, user), ct);
            return reached.Count == 0
                ? Problems.NotFound($"No instance is waiting for message '{request.Name}'" + (request.CorrelationKey is null ? "." : $" with correlation key '{request.CorrelationKey}'."))
                : TypedResults.Ok(new MessageResponse(reached));
        });
    }

    /// Decided from the latest version of each workflow alone, so the answer says nothing about which instances wait.
    static async Task<bool> IsPublicForAsync(ServiceFlowDbContext db, DefinitionStore definitions, string name, ClaimsPrincipal user, CancellationToken ct)
    {
        var latest = await db.WorkflowDefinitions.AsNoTracking().GroupBy(d => d.Key)
            .Select(g => g.OrderByDescending(d => d.Version).First().Id).ToListAsync(ct);
        foreach (var id in latest)
        {
            if (WorkflowAccess.MaySend(await definitions.GetAsync(id, ct), name, user))
                return true;
        }
        return false;
    }
}
