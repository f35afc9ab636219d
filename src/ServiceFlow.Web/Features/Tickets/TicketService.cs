using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Tickets;

internal sealed class TicketOptions
{
    public const string WorkflowKey = "service-exception";
    /// A record made later than this after discovery is flagged (seed 000 §4.1).
    public int RecordWithinMinutes { get; set; } = 30;
    /// The levels of impact and urgency the priority matrix (decisions/priority-matrix.dmn) takes.
    public static readonly string[] Levels = ["high", "medium", "low"];
    public static readonly string[] Priorities = ["P1", "P2", "P3", "P4"];
    /// The customer types the record offers (001 §5.1.1, statistics by customer type). An organisation with
    /// other kinds of customer lists its own codes under `Tickets:CustomerTypes`; codes without a text in the
    /// language files are shown as written.
    public string[]? CustomerTypes { get; set; }
    public static readonly string[] DefaultCustomerTypes = ["individual", "enterprise", "government", "internal"];
    public IReadOnlyList<string> CustomerTypeList => CustomerTypes is { Length: > 0 } list ? list : DefaultCustomerTypes;
}

/// Records tickets and runs their lifecycle workflow in the same transaction as the record.
internal sealed class TicketService(ProcessRunner runner, TicketDecisions decisions, Microsoft.Extensions.Options.IOptions<TicketOptions> options)
{
    public async Task<Ticket> CreateAsync(CreateTicketRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var missing = Missing(request, options.Value);
        if (missing.Count > 0)
            throw Invalid(missing, options.Value);
        return await runner.InTransactionAsync(user.Identity?.Name, ctx => CreateInAsync(ctx, request, ct), ct);
    }

    /// The next ticket number of `year`: "SE-2026-000123", from one sequence for all years.
    public static async Task<string> NextNumberAsync(ServiceFlowDbContext db, int year, CancellationToken ct)
    {
        // A plain command on the context's connection, in its transaction if one is open (SqlQueryRaw would run
        // the LINQ pipeline for one number on every ticket). A sequence ignores transactions anyway, so a step
        // whose BEGIN is deferred need not begin it here; the connection stays open until the context is disposed.
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
            await db.Database.OpenConnectionAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT nextval('serviceflow.ticket_numbers')";
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var next = (long)(await command.ExecuteScalarAsync(ct))!;
        return $"SE-{year}-{next:D6}";
    }

    /// Records a ticket (and starts its lifecycle) inside a transaction the caller holds; the reporter is the step's user.
    public async Task<Ticket> CreateInAsync(StepContext ctx, CreateTicketRequest request, CancellationToken ct)
    {
        var missing = Missing(request, options.Value);
        if (missing.Count > 0)
            throw Invalid(missing, options.Value);
        {
            var number = await NextNumberAsync(ctx.Db, ctx.Now.Year, ct);
            var o = options.Value;
            var ticket = new Ticket
            {
                Id = Guid.CreateVersion7(),
                Number = number,
                Title = request.Title!.Trim(),
                Description = request.Description!.Trim(),
                ServiceType = request.ServiceType!.Trim(),
                ServiceObject = request.ServiceObject!.Trim(),
                DiscoveredAt = request.DiscoveredAt!.Value.ToUniversalTime(), // "09:00+08:00" is fine; PostgreSQL keeps instants in UTC
                RecordedAt = ctx.Now,
                RecordedLate = ctx.Now - request.DiscoveredAt!.Value > TimeSpan.FromMinutes(o.RecordWithinMinutes),
                Channel = request.Channel!.Value,
                // Left empty when the priority matrix decides it: the lifecycle's first step sets it (or refuses the record below).
                Priority = request.Priority?.ToUpperInvariant() ?? "",
                Impact = request.Impact?.ToLowerInvariant(),
                Urgency = request.Urgency?.ToLowerInvariant(),
                Company = request.Company,
                Department = request.Department,
                Office = request.Office,
                ImpactQualitative = request.ImpactQualitative,
                ImpactQuantitative = request.ImpactQuantitative,
                AffectedCustomers = request.AffectedCustomers,
                InitialJudgement = request.InitialJudgement,
                Severity = request.Severity,
                CustomerName = request.CustomerName,
                CustomerEmail = request.CustomerEmail,
                CustomerType = CustomerTypeOf(request.CustomerType, o),
                CustomerCulture = TicketLanguage.Normalize(request.CustomerCulture),
                Language = TicketLanguage.Normalize(request.Language) ?? TicketLanguage.OfCurrentUser(),
                Reporter = ctx.User ?? "system",
                Group = "", // the routing decision's

                Tier = Tier.Tier1,
                Status = TicketStatus.Recorded,
            };
            ctx.Db.Add(ticket);
            if (request.ResolvedAtOnce)
            {
                // Answered during the first contact: closed at once, no workflow, counts as first-contact resolution.
                ticket.Status = TicketStatus.ClosedAtOnce;
                ticket.FirstContactResolution = true;
                ticket.Solved = true;
                ticket.Solution = request.Solution;
                ticket.ResolvedAt = ctx.Now;
                await decisions.DecideAsync(ctx, ticket, ct); // no lifecycle runs, so no business rule task
                return ticket;
            }
            var started = await runner.StartInAsync(ctx, TicketOptions.WorkflowKey, null, ticket.Number, VariablesOf(ticket), ct);
            ticket.InstanceId = started.Instance.Id;
            // The lifecycle's business rule tasks decide priority and group in its first step; when they cannot
            // (an incident), nothing is recorded and the person recording is told why. A lifecycle version without
            // those tasks (a process owner's own) leaves them to the same tables, evaluated here.
            if (ticket.Priority.Length == 0 || ticket.Group.Length == 0)
            {
                if (TicketDecisions.Undecided(ctx, ticket) is { } why)
                    throw RuntimeProblem.BadRequest(why);
                await decisions.DecideAsync(ctx, ticket, ct);
            }
            return ticket;
        }
    }

    /// The configured code as the list spells it (the API may send "Enterprise"); null when none was given.
    static string? CustomerTypeOf(string? given, TicketOptions o) => string.IsNullOrWhiteSpace(given)
        ? null
        : o.CustomerTypeList.FirstOrDefault(c => c.Equals(given.Trim(), StringComparison.OrdinalIgnoreCase));

    static TicketValidationException Invalid(List<string> fields, TicketOptions o) => new(fields, fields.Contains("customerType")
        ? new Dictionary<string, string> { ["customerType"] = $"customerType is one of {string.Join(", ", o.CustomerTypeList)} (Tickets:CustomerTypes), or left out." }
        : null);

    static List<string> Missing(CreateTicketRequest r, TicketOptions o)
    {
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(r.Title)) missing.Add("title");
        if (string.IsNullOrWhiteSpace(r.Description)) missing.Add("description");
        if (string.IsNullOrWhiteSpace(r.ServiceType)) missing.Add("serviceType");
        if (string.IsNullOrWhiteSpace(r.ServiceObject)) missing.Add("serviceObject");
        if (r.DiscoveredAt is null) missing.Add("discoveredAt");
        if (r.Channel is null) missing.Add("channel");
        if (r.Priority is not null && !TicketOptions.Priorities.Contains(r.Priority, StringComparer.OrdinalIgnoreCase)) missing.Add("priority");
        if (r.Impact is not null && !TicketOptions.Levels.Contains(r.Impact, StringComparer.OrdinalIgnoreCase)) missing.Add("impact");
        if (r.Urgency is not null && !TicketOptions.Levels.Contains(r.Urgency, StringComparer.OrdinalIgnoreCase)) missing.Add("urgency");
        if (r.Priority is null && r.Impact is null && r.Urgency is null) missing.Add("priority");
        else if (r.Priority is null && (r.Impact is null || r.Urgency is null)) missing.Add(r.Impact is null ? "impact" : "urgency");
        if (r.ResolvedAtOnce && string.IsNullOrWhiteSpace(r.Solution)) missing.Add("solution");
        if (!string.IsNullOrWhiteSpace(r.CustomerType) && CustomerTypeOf(r.CustomerType, o) is null) missing.Add("customerType");
        return missing;
    }

    /// What the lifecycle workflow and its mail templates read.
    internal static Dictionary<string, JsonElement> VariablesOf(Ticket t) => new()
    {
        ["reporter"] = JsonSerializer.SerializeToElement(t.Reporter),
        ["supervisor"] = JsonSerializer.SerializeToElement<string?>(null),
        ["handler"] = JsonSerializer.SerializeToElement<string?>(null),
        // The lifecycle's business rule tasks read these: priority (when given) or impact × urgency, then service type × priority → group.
        ["priority"] = JsonSerializer.SerializeToElement<string?>(t.Priority.Length > 0 ? t.Priority : null),
        ["impact"] = JsonSerializer.SerializeToElement(t.Impact),
        ["urgency"] = JsonSerializer.SerializeToElement(t.Urgency),
        ["serviceType"] = JsonSerializer.SerializeToElement(t.ServiceType),
        ["customerEmail"] = JsonSerializer.SerializeToElement(t.CustomerEmail),
        ["customerName"] = JsonSerializer.SerializeToElement(t.CustomerName),
        // The language customer mail and the callback survey use (TicketLanguage).
        ["customerCulture"] = JsonSerializer.SerializeToElement(TicketLanguage.ForCustomer(t)),
        ["ticket"] = JsonSerializer.SerializeToElement(new { number = t.Number, title = t.Title, priority = t.Priority }),
        ["recipient"] = JsonSerializer.SerializeToElement(new { name = t.CustomerName ?? t.CustomerEmail ?? "" }),
    };

    public Task<Ticket> ChangeAsync(string number, ClaimsPrincipal user, Action<StepContext, Ticket> change, CancellationToken ct) =>
        ChangeWithResultAsync(number, user, (ctx, ticket) =>
        {
            change(ctx, ticket);
            return Task.FromResult(ticket);
        }, ct);

    public Task<Ticket> ChangeAsync(string number, ClaimsPrincipal user, Func<StepContext, Ticket, Task> change, CancellationToken ct) =>
        ChangeWithResultAsync(number, user, async (ctx, ticket) =>
        {
            await change(ctx, ticket);
            return ticket;
        }, ct);

    /// Changes a record the user may change and that is not read-only, in one transaction.
    public Task<T> ChangeWithResultAsync<T>(string number, ClaimsPrincipal user, Func<StepContext, Ticket, Task<T>> change, CancellationToken ct) =>
        runner.InTransactionAsync(user.Identity?.Name, async ctx =>
        {
            var ticket = await ctx.Db.Set<Ticket>().SingleOrDefaultAsync(t => t.Number == number, ct);
            if (ticket is null || !TicketAccess.CanRead(ticket, user))
                throw RuntimeProblem.NotFound($"There is no ticket {number} that you can see.");
            if (!TicketAccess.CanWrite(ticket, user))
                throw RuntimeProblem.Forbidden($"You may read ticket {number} but not change it.");
            if (ticket.IsReadOnly)
                throw RuntimeProblem.Conflict($"Ticket {number} is {ticket.Status}; archived and closed records cannot be changed.");
            return await change(ctx, ticket);
        }, ct);

    /// The ticket of a lifecycle instance, as this transaction sees it (possibly added in this very step).
    public static async Task<Ticket?> FindInStepAsync(StepContext ctx, string? number) =>
        number is null ? null
        : ctx.Db.Tracked<Ticket>().Select(e => e.Entity).FirstOrDefault(t => t.Number == number)
          ?? await ByNumber(ctx.Db, number);

    /// Compiled once: every step of a ticket's workflow reads its ticket (no expression-tree work per call).
    static readonly Func<ServiceFlowDbContext, string, Task<Ticket?>> ByNumber =
        EF.CompileAsyncQuery((ServiceFlowDbContext db, string number) => db.Set<Ticket>().SingleOrDefault(t => t.Number == number));

    public static TicketEntry Entry(StepContext ctx, Ticket ticket, TicketEntryKind kind, string text, string? detail = null, string? extra = null, DateTimeOffset? at = null, DateTimeOffset? due = null)
    {
        var entry = new TicketEntry { TicketId = ticket.Id, Kind = kind, At = (at ?? ctx.Now).ToUniversalTime(), By = ctx.User ?? "system", Text = text, Detail = detail, Extra = extra, Due = due?.ToUniversalTime() };
        ctx.Db.Add(entry);
        return entry;
    }
}

internal sealed class TicketValidationException(IReadOnlyList<string> fields, IReadOnlyDictionary<string, string>? reasons = null)
    : Exception("Missing or invalid: " + string.Join(", ", fields))
{
    public IReadOnlyList<string> Fields { get; } = fields;
    /// What is wrong with a field that was given but is not allowed (default: "{field} is required.").
    public string Reason(string field) => reasons?.GetValueOrDefault(field) ?? $"{field} is required.";
}
