using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Tickets;

internal static class TicketsApi
{
    public static IServiceCollection AddTickets(this IServiceCollection services)
    {
        services.AddOptions<TicketOptions>().BindConfiguration("Tickets");
        services.AddSingleton<TicketService>();
        services.AddSingleton<TicketDecisions>();
        services.AddSingleton<TicketEvents>();
        services.AddOptions<AttachmentOptions>().BindConfiguration("Tickets:Attachments");
        services.AddSingleton<TicketAttachments>();
        services.AddSingleton<IStepObserver, TicketWorkflowObserver>();
        services.AddSingleton<IStepObserver, TicketTaskInputs>();
        services.AddSingleton<ITaskAssignmentObserver, TicketHandlerFollowsTask>();
        services.AddSingleton<IServiceTaskHandler, TicketArchiveHandler>();
        services.AddSingleton<IServiceTaskHandler, TicketFromMailHandler>();
        services.AddSingleton<IServiceTaskHandler, TicketSurveyHandler>();
        services.AddSingleton<IBusinessRecords, TicketRecords>();
        services.AddSingleton(new FeatureWorkflow(TicketOptions.WorkflowKey, "the tickets feature: record a ticket (POST /api/tickets or the New ticket page)"));
        return services;
    }

    public static void MapTicketsApi(this IEndpointRouteBuilder app)
    {
        var tickets = app.MapGroup("/api/tickets").WithTags("Tickets").RequireAuthorization(Policies.Staff);

        tickets.MapPost("/", async Task<Results<Created<TicketSummary>, ValidationProblem, ProblemHttpResult>> (
            CreateTicketRequest request, TicketService service, ClaimsPrincipal user, CancellationToken ct) =>
        {
            if (!TicketAccess.CanWriteAny(user))
                return Problems.Forbidden("Your roles may read tickets but not record them.");
            try
            {
                var ticket = await service.CreateAsync(request, user, ct);
                return TypedResults.Created($"/api/tickets/{ticket.Number}", Summary(ticket));
            }
            catch (TicketValidationException ex)
            {
                return TypedResults.ValidationProblem(ex.Fields.ToDictionary(f => f, f => new[] { ex.Reason(f) }),
                    detail: $"The record is incomplete: {string.Join(", ", ex.Fields)}.", title: "Incomplete ticket");
            }
        });

        tickets.MapGet("/", async (ServiceFlowDbContext db, ClaimsPrincipal user, string? status, string? priority, string? serviceType,
            string? q, int? page, int? pageSize, CancellationToken ct) =>
        {
            var query = TicketAccess.Visible(db.Set<Ticket>().AsNoTracking(), user);
            if (Enum.TryParse<TicketStatus>(status, true, out var s))
                query = query.Where(t => t.Status == s);
            if (priority is not null)
                query = query.Where(t => t.Priority == priority);
            if (serviceType is not null)
                query = query.Where(t => t.ServiceType == serviceType);
            if (!string.IsNullOrWhiteSpace(q))
                query = query.Where(t => t.Number == q || EF.Functions.ILike(t.Title, $"%{q}%") || EF.Functions.ILike(t.Description, $"%{q}%"));
            var size = Math.Clamp(pageSize ?? 50, 1, 500);
            // In long arithmetic: a page number near int.MaxValue must give an empty page, not an overflowed (negative) offset.
            var skip = (int)Math.Min((Math.Max(page ?? 1, 1) - 1L) * size, int.MaxValue);
            var list = await query.OrderByDescending(t => t.RecordedAt).Skip(skip).Take(size).ToListAsync(ct);
            return TypedResults.Ok(list.Select(Summary).ToList());
        });

        tickets.MapGet("/{number}", async Task<Results<Ok<TicketDetail>, ProblemHttpResult>> (string number, ServiceFlowDbContext db, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var ticket = await db.Set<Ticket>().AsNoTracking().SingleOrDefaultAsync(t => t.Number == number, ct);
            if (ticket is null || !TicketAccess.CanRead(ticket, user))
                return Problems.NotFound($"There is no ticket {number} that you can see.");
            var timeline = await db.Set<TicketEntry>().AsNoTracking().Where(e => e.TicketId == ticket.Id).OrderBy(e => e.At).ThenBy(e => e.Id)
                .Select(e => new TicketEntryDto(e.Id, e.Kind.ToString(), e.At, e.By, e.Text, e.Detail, e.Extra, e.Due)).ToListAsync(ct);
            return TypedResults.Ok(new TicketDetail(Summary(ticket), ticket, timeline, await TicketAttachments.ListAsync(db, ticket.Id, ct)));
        });

        tickets.MapPost("/{number}/steps", async (string number, StepRequest r, TicketService service, ClaimsPrincipal user, CancellationToken ct) =>
            TypedResults.Ok(Summary(await service.ChangeAsync(number, user, (ctx, t) =>
                TicketService.Entry(ctx, t, r.Blocker ? TicketEntryKind.Blocker : TicketEntryKind.Step, r.Action, r.Tool, at: r.At), ct))));

        tickets.MapPost("/{number}/communications", async (string number, CommunicationRequest r, TicketService service, TicketEvents events,
            ClaimsPrincipal user, CancellationToken ct) =>
            TypedResults.Ok(Summary(await service.ChangeAsync(number, user, (ctx, t) => events.CommunicationAsync(ctx, t, r), ct))));

        tickets.MapTicketStatusApi();

        tickets.MapPost("/{number}/actions", async (string number, ActionRequest r, TicketService service, ClaimsPrincipal user, CancellationToken ct) =>
            TypedResults.Ok(Summary(await service.ChangeAsync(number, user, (ctx, t) =>
                TicketService.Entry(ctx, t, TicketEntryKind.Action, r.Description, r.Owner, due: r.Deadline), ct))));

        tickets.MapPut("/{number}/analysis", async (string number, AnalysisRequest r, TicketService service, ClaimsPrincipal user, CancellationToken ct) =>
            TypedResults.Ok(Summary(await service.ChangeAsync(number, user, (ctx, t) =>
            {
                void Set(string field, string? old, string? value, Action<string?> apply)
                {
                    if (value is null || value == old)
                        return;
                    apply(value);
                    TicketService.Entry(ctx, t, TicketEntryKind.Change, field, old, value);
                }
                Set("causePeople", t.CausePeople, r.People, v => t.CausePeople = v);
                Set("causeProcess", t.CauseProcess, r.Process, v => t.CauseProcess = v);
                Set("causeTechnology", t.CauseTechnology, r.Technology, v => t.CauseTechnology = v);
                Set("causeEnvironment", t.CauseEnvironment, r.Environment, v => t.CauseEnvironment = v);
                Set("proposals", t.Proposals, r.Proposals, v => t.Proposals = v);
                Set("lessons", t.Lessons, r.Lessons, v => t.Lessons = v);
            }, ct))));

        tickets.MapPost("/{number}/escalate", async (string number, EscalateRequest r, TicketService service, TicketEvents events,
            ClaimsPrincipal user, CancellationToken ct) =>
            TypedResults.Ok(Summary(await TicketEscalation.EscalateAsync(service, events, number, r, user, ct))));

        tickets.MapAttachmentsApi();
    }

    public static TicketSummary Summary(Ticket t) => new(t.Number, t.Title, t.Status.ToString(), t.Priority, t.ServiceType, t.Group, t.Tier.ToString(),
        t.Reporter, t.Handler, t.DiscoveredAt, t.RecordedAt, t.RecordedLate);
}
