using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ServiceFlow.Web.Tests.Runtime;

namespace ServiceFlow.Web.Tests.Security;

/// Every endpoint and page of the host × anonymous and each of the seven roles, against the real host
/// with a real user per role. Outcomes: `ok` (authorization let it through: any answer but 401, 403,
/// 404 or a 5xx), `401` (not signed in; a page redirects to the sign-in page), `403` (the role may not;
/// a page redirects to /account/denied), `404` (the record exists but is hidden from this person).
/// The endpoints are read from the host's EndpointDataSource: a new endpoint without a row fails
/// EveryEndpoint_HasARowInTheMatrix. docs/security.md ("Roles and permissions") says the same in words.
public sealed class RoleMatrixTests(MatrixDesk desk) : IClassFixture<MatrixDesk>
{
    public static TheoryData<string> RowNames() => [.. RoleMatrix.Rows.Select(r => r.Name)];

    [Theory]
    [MemberData(nameof(RowNames))]
    public async Task Endpoint_AnswersEachRole_AsTheMatrixSays(string row)
    {
        var entry = RoleMatrix.Rows.Single(r => r.Name == row);
        var expected = entry.Expected.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        expected.Should().HaveCount(8, "a row names anonymous and the seven roles");
        var outcomes = new Dictionary<Who, string>();
        // Refusals first: they change nothing, so the allowed calls after them cannot change what they see.
        foreach (var who in Enum.GetValues<Who>().OrderBy(w => expected[(int)w] == "ok"))
        {
            using var request = await entry.Request(desk, who);
            var client = entry.IsPage ? desk.Pages(who) : desk.Api(entry.OwnCredentials ? Who.Anonymous : who);
            using var response = await client.SendAsync(request);
            outcomes[who] = Classify(response, entry.IsPage);
        }

        var actual = string.Join(' ', Enum.GetValues<Who>().Select(w => outcomes[w]));
        actual.Should().Be(string.Join(' ', expected), $"{row} (anonymous, {string.Join(", ", Enum.GetValues<Who>().Skip(1))})");
    }

    [Fact]
    public void EveryEndpoint_HasARowInTheMatrix_AndEveryRowAnEndpoint()
    {
        var endpoints = desk.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .ToHashSet();
        var rows = RoleMatrix.Rows.Select(r => r.Endpoint).ToHashSet();

        endpoints.Except(rows).Should().BeEmpty("every endpoint needs a row in RoleMatrix.Rows saying who may call it");
        rows.Except(endpoints).Should().BeEmpty("every row should name an endpoint the host has");
    }

    static string Classify(HttpResponseMessage response, bool page)
    {
        var location = response.Headers.Location?.OriginalString ?? "";
        return (int)response.StatusCode switch
        {
            >= 500 => $"5xx({(int)response.StatusCode})",
            401 => "401",
            403 => "403",
            404 => "404",
            301 or 302 when page && location.Contains("/account/login", StringComparison.OrdinalIgnoreCase) => "401",
            301 or 302 when page && location.Contains("/account/denied", StringComparison.OrdinalIgnoreCase) => "403",
            _ => "ok",
        };
    }
}


/// The matrix. Columns: anonymous, FrontLine, Supervisor, TechSupport, ProcessOwner, QualitySupervisor, Auditor, Admin.
/// `desk.Ticket` was recorded by the supervisor and routed to TechSupport: the front line and process owners do not see it.
internal static class RoleMatrix
{
    static readonly HttpMethod Post = HttpMethod.Post, Put = HttpMethod.Put, Delete = HttpMethod.Delete;
    const string Everyone = "ok  ok  ok  ok  ok  ok  ok  ok";
    const string Staff = "401 ok  ok  ok  ok  ok  ok  ok";
    const string ProcessOwners = "401 403 403 403 ok  403 403 ok";
    const string Operators = "401 403 ok  403 ok  403 403 ok";
    const string Admins = "401 403 403 403 403 403 403 ok";
    const string TicketReaders = "401 404 ok  ok  404 ok  ok  ok";
    const string TicketWriters = "401 404 ok  ok  404 403 403 ok";
    const string SupervisorTask = "401 403 ok  403 403 403 403 ok";
    const string ReportReaders = "401 403 ok  403 ok  ok  ok  ok";
    const string TargetSetters = "401 403 403 403 403 ok  403 ok";
    const string Importers = "401 403 403 403 ok  ok  403 ok";
    const string AnalysisReaders = "401 403 ok  403 403 ok  ok  ok";

    static MatrixRow Api(string endpoint, string expected, Func<MatrixDesk, Who, Task<HttpRequestMessage>> request, string @case = "") =>
        new(endpoint, @case, expected, IsPage: false, request);

    static MatrixRow Page(string pattern, string expected, Func<MatrixDesk, string> path, string @case = "") =>
        new($"* {pattern}", @case, expected, IsPage: true, Ask.Get(path));

    public static readonly IReadOnlyList<MatrixRow> Rows =
    [
        // Health, API description, language switch, jobs dashboard.
        Api("* /healthz", Everyone, Ask.Get(_ => "/healthz")),
        Api("* /readyz", Everyone, Ask.Get(_ => "/readyz")),
        Api("GET /openapi/{documentName}.json", Everyone, Ask.Get(_ => "/openapi/v1.json")),
        new("POST /culture", "", Everyone, IsPage: true, Ask.PostForm(_ => "/culture", _ => new() { ["culture"] = "en", ["returnUrl"] = "/" })),
        Page("/hangfire/{**path}", Admins, _ => "/hangfire"),

        // Sign-in.
        Api("POST /api/auth/token", Everyone, Ask.Send(Post, _ => "/api/auth/token", (d, _) => new { userName = d.Name(Who.FrontLine), password = Tickets.People.Password })),
        Api("GET /api/auth/me", Staff, Ask.Get(_ => "/api/auth/me")),
        Api("POST /api/auth/refresh", Everyone, async (d, _) => new HttpRequestMessage(Post, "/api/auth/refresh")
            { Content = Ask.Json(new { refreshToken = (await d.TokensAsync(d.Name(Who.FrontLine))).GetProperty("refreshToken").GetString() }) }),
        Api("POST /api/auth/logout", Staff, Ask.AsNewUser(Post, "/api/auth/logout")) with { OwnCredentials = true },
        Api("POST /api/auth/password", Staff, Ask.AsNewUser(Post, "/api/auth/password",
            (_, _) => new { currentPassword = Tickets.People.Password, newPassword = "Seven green kites over the harbour" })) with { OwnCredentials = true },

        // Workflow definitions: process owners and administrators.
        Api("POST /api/workflows/", ProcessOwners, Ask.SendXml(Post, _ => "/api/workflows", d => Ask.Workflow($"mx-published-{d.Suffix}"))),
        Api("POST /api/workflows/validate", ProcessOwners, Ask.SendXml(Post, _ => "/api/workflows/validate", _ => Ask.Workflow("mx-validated"))),
        Api("GET /api/workflows/", ProcessOwners, Ask.Get(_ => "/api/workflows")),
        Api("GET /api/workflows/{key}/versions", ProcessOwners, Ask.Get(d => $"/api/workflows/{d.DesignKey}/versions")),
        Api("GET /api/workflows/{key}/versions/{version:int}/xml", ProcessOwners, Ask.Get(d => $"/api/workflows/{d.DesignKey}/versions/1/xml")),
        Api("GET /api/workflows/{key}/draft", ProcessOwners, Ask.Get(d => $"/api/workflows/{d.DesignKey}/draft")),
        Api("PUT /api/workflows/{key}/draft", ProcessOwners, Ask.Fresh(d => d.DraftVersionAsync(), Put, (d, v) => $"/api/workflows/{d.DesignKey}/draft?baseVersion={v}",
            (d, _) => MatrixDesk.Xml(Ask.Workflow(d.DesignKey)))),
        Api("DELETE /api/workflows/{key}/draft", ProcessOwners, Ask.Fresh(d => d.DraftVersionAsync(), Delete, (d, v) => $"/api/workflows/{d.DesignKey}/draft?baseVersion={v}")),
        Api("POST /api/workflows/import", ProcessOwners, Ask.SendXml(Post, _ => "/api/workflows/import", d => Ask.Workflow($"mx-imported-{d.Suffix}"))),
        Api("POST /api/workflows/{key}/publish", ProcessOwners, Ask.Fresh(d => d.DraftVersionAsync(), Post, (d, _) => $"/api/workflows/{d.DesignKey}/publish")),
        Api("GET /api/workflows/{key}/diff", ProcessOwners, Ask.Get(d => $"/api/workflows/{d.DesignKey}/diff?from=1&to=1")),
        Api("POST /api/workflows/{key}/versions/{version:int}/republish", ProcessOwners, Ask.Send(Post, d => $"/api/workflows/{d.DesignKey}/versions/1/republish")),
        // Forms: process owners and administrators design them.
        Api("GET /api/forms/", ProcessOwners, Ask.Get(_ => "/api/forms")),
        Api("GET /api/forms/{key}", ProcessOwners, Ask.Get(_ => $"/api/forms/{MatrixDesk.FormKey}")),
        Api("GET /api/forms/{key}/versions/{version:int}", ProcessOwners, Ask.Get(_ => $"/api/forms/{MatrixDesk.FormKey}/versions/1")),
        Api("PUT /api/forms/{key}/draft", ProcessOwners, Ask.Fresh(d => d.FormDraftVersionAsync(), Put, (_, v) => $"/api/forms/{MatrixDesk.FormKey}/draft?baseVersion={v}",
            (_, _) => MatrixDesk.FormJson())),
        Api("DELETE /api/forms/{key}/draft", ProcessOwners, Ask.Fresh(d => d.FormDraftVersionAsync(), Delete, (_, v) => $"/api/forms/{MatrixDesk.FormKey}/draft?baseVersion={v}")),
        Api("GET /api/workflows/{key}/timer-starts", ProcessOwners, Ask.Get(d => $"/api/workflows/{d.DesignKey}/timer-starts")),

        // Decision tables: process owners and administrators, like workflows.
        Api("GET /api/decisions/", ProcessOwners, Ask.Get(_ => "/api/decisions")),
        Api("GET /api/decisions/{key}/versions", ProcessOwners, Ask.Get(_ => "/api/decisions/routing/versions")),
        Api("GET /api/decisions/{key}/versions/{version:int}/xml", ProcessOwners, Ask.Get(_ => "/api/decisions/routing/versions/1/xml")),
        Api("GET /api/decisions/{key}/draft", ProcessOwners, Ask.Get(_ => "/api/decisions/routing/draft")),
        Api("PUT /api/decisions/{key}/draft", ProcessOwners, Ask.Fresh(d => d.DecisionDraftVersionAsync(), Put, (d, v) => $"/api/decisions/{d.DecisionKey}/draft?baseVersion={v}",
            (d, _) => MatrixDesk.Xml(d.DecisionXml))),
        Api("DELETE /api/decisions/{key}/draft", ProcessOwners, Ask.Fresh(d => d.DecisionDraftVersionAsync(), Delete, (d, v) => $"/api/decisions/{d.DecisionKey}/draft?baseVersion={v}")),
        Api("POST /api/decisions/{key}/publish", ProcessOwners, Ask.Fresh(d => d.DecisionDraftVersionAsync(), Post, (d, _) => $"/api/decisions/{d.DecisionKey}/publish")),

        // Instances: started by the roles a workflow names; read as their business record; operated by operators.
        Api("POST /api/instances/", "401 ok  403 ok  403 403 403 ok", Ask.Send(Post, _ => "/api/instances", (d, _) => new { workflowKey = d.StartKey }),
            "a workflow naming FrontLine and TechSupport as starters"),
        Api("POST /api/instances/", "401 403 403 403 403 403 403 403", Ask.Send(Post, _ => "/api/instances", (d, _) => new { workflowKey = "service-exception", businessKey = d.Ticket }),
            "the ticket lifecycle, started by the tickets feature only"),
        Api("GET /api/instances/{id:guid}", "401 404 ok  ok  ok  ok  ok  ok", Ask.Get(d => $"/api/instances/{d.TicketInstance}"),
            "the ticket's lifecycle: as visible as the ticket; process owners see every instance"),
        Api("GET /api/instances/{id:guid}/files/{fileId:guid}", "401 ok  ok  404 ok  404 ok  ok", Ask.Get(d => $"/api/instances/{d.RequestFile.Instance}/files/{d.RequestFile.File}"),
            "a request's file: its starter, the desk its task waits for, supervisors, auditors, process owners"),
        Api("GET /api/requests/catalog", Staff, Ask.Get(_ => "/api/requests/catalog")),
        Api("GET /api/requests/catalog/{key}", "401 ok  ok  ok  ok  ok  403 ok", Ask.Get(_ => "/api/requests/catalog/account-unlock"), "account-unlock names every staff role but auditors"),
        Api("POST /api/requests/catalog/{key}", "401 ok  ok  ok  ok  ok  403 ok", Ask.Send(Post, _ => "/api/requests/catalog/account-unlock",
            (_, _) => new { variables = new { account = "mx.user", system = "vpn" } })),
        Api("GET /api/requests/mine", Staff, Ask.Get(_ => "/api/requests/mine")),
        Api("GET /api/instances/{id:guid}/journal", "401 404 ok  ok  ok  ok  ok  ok", Ask.Get(d => $"/api/instances/{d.TicketInstance}/journal")),
        Api("POST /api/instances/{id:guid}/cancel", Operators, Ask.Fresh(d => d.FreshInstanceAsync(), Post, (_, id) => $"/api/instances/{id}/cancel", (_, _) => Ask.Json(new { reason = "matrix" }))),
        Api("POST /api/instances/{id:guid}/migrate", ProcessOwners, Ask.Fresh(d => d.FreshInstanceAsync(), Post, (_, id) => $"/api/instances/{id}/migrate", (_, _) => Ask.Json(new { toVersion = 1 }))),
        Api("POST /api/messages/", "401 403 403 ok  403 403 403 ok", Ask.Send(Post, _ => "/api/messages", (d, who) => new { name = d.PingMessage, correlationKey = $"{who}" }),
            "a message its workflow makes public for TechSupport"),
        Api("POST /api/messages/", "401 403 403 403 403 403 403 403", Ask.Send(Post, _ => "/api/messages", (d, _) => new { name = "survey-answer", correlationKey = d.ClosedTicket, variables = new { score = 1 } }),
            "a survey answer, raised by the surveys feature only"),
        Api("GET /api/incidents/", Operators, Ask.Get(_ => "/api/incidents")),
        Api("POST /api/incidents/{id:guid}/retry", "401 403 404 403 ok  403 403 ok", Ask.Fresh(d => d.FreshIncidentAsync(), Post, (_, id) => $"/api/incidents/{id}/retry"),
            "an instance with no business record nor tasks: only process owners and administrators see it"),

        // Tasks: seen by their candidates, supervisors and auditors; worked by candidates and supervisors; assigned by supervisors.
        Api("GET /api/tasks/", Staff, Ask.Get(_ => "/api/tasks")),
        Api("GET /api/tasks/{id:guid}", "401 404 ok  404 404 404 ok  ok", Ask.Get(d => $"/api/tasks/{d.ReviewTask}"), "the ticket's review, offered to Supervisors"),
        Api("POST /api/tasks/{id:guid}/claim", SupervisorTask, Ask.Fresh(d => d.FreshTaskAsync(), Post, (_, id) => $"/api/tasks/{id}/claim")),
        Api("POST /api/tasks/{id:guid}/unclaim", SupervisorTask, Ask.Fresh(d => d.FreshTaskAsync(), Post, (_, id) => $"/api/tasks/{id}/unclaim")),
        Api("POST /api/tasks/{id:guid}/assign", SupervisorTask, Ask.Fresh(d => d.FreshTaskAsync(), Post, (_, id) => $"/api/tasks/{id}/assign",
            (d, _) => Ask.Json(new { userName = d.Name(Who.Supervisor) }))),
        Api("POST /api/tasks/{id:guid}/complete", SupervisorTask, Ask.Fresh(d => d.FreshTaskAsync(), Post, (_, id) => $"/api/tasks/{id}/complete",
            (_, _) => Ask.Json(new { variables = new { approved = true } }))),
        Api("GET /api/tasks/{id:guid}", "401 404 ok  404 404 404 ok  ok", Ask.Fresh(d => d.FreshEscalationTaskAsync(), HttpMethod.Get, (_, id) => $"/api/tasks/{id}"),
            "an SLA escalation task of the ticket (no instance), offered to Supervisors"),
        Api("POST /api/tasks/{id:guid}/complete", "401 404 ok  404 404 404 403 ok", Ask.Fresh(d => d.FreshEscalationTaskAsync(), Post, (_, id) => $"/api/tasks/{id}/complete",
            (_, _) => Ask.Json(new { variables = new { comment = "seen" } })), "an SLA escalation task: hidden from who cannot see it, as on GET; auditors see it but do not work it"),

        Api("GET /api/tasks/{id:guid}/candidates", "401 404 ok  404 404 404 ok  ok", Ask.Get(d => $"/api/tasks/{d.ReviewTask}/candidates"),
            "whom the review can be assigned to: as visible as the task"),

        // Reports: figures for every member of staff (a scorecard of their own tickets unless they read reports),
        // dimensions other than the period, Pareto, arrivals and process heatmaps for the report readers; targets set by
        // quality supervisors and administrators; imports run by them and process owners, listed to report readers.
        Api("GET /api/reports/measures", Staff, Ask.Get(_ => "/api/reports/measures?measures=volume")),
        Api("GET /api/reports/measures.csv", Staff, Ask.Get(_ => "/api/reports/measures.csv?measures=volume")),
        Api("GET /api/reports/measures.xlsx", Staff, Ask.Get(_ => "/api/reports/measures.xlsx?measures=volume")),
        Api("GET /api/reports/measures", "401 403 ok  403 ok  ok  ok  ok", Ask.Get(_ => "/api/reports/measures?measures=volume&groupBy=handler"),
            "grouped by handler: comparing people is for report readers"),
        Api("GET /api/reports/tickets", Staff, Ask.Get(_ => "/api/reports/tickets?measure=volume")),
        Api("GET /api/reports/tickets.csv", Staff, Ask.Get(_ => "/api/reports/tickets.csv?measure=volume")),
        Api("GET /api/reports/tickets.xlsx", Staff, Ask.Get(_ => "/api/reports/tickets.xlsx?measure=volume")),
        Api("GET /api/reports/pareto", ReportReaders, Ask.Get(_ => "/api/reports/pareto?by=cause")),
        Api("GET /api/reports/arrivals", ReportReaders, Ask.Get(_ => "/api/reports/arrivals")),
        Api("GET /api/reports/process", ReportReaders, Ask.Get(_ => "/api/reports/process?workflow=service-exception")),
        Api("POST /api/reports/facts/rebuild", Admins, Ask.Send(Post, _ => "/api/reports/facts/rebuild")),
        Api("GET /api/reports/targets/", Staff, Ask.Get(_ => "/api/reports/targets")),
        Api("GET /api/reports/targets/status", Staff, Ask.Get(_ => "/api/reports/targets/status")),
        Api("PUT /api/reports/targets/{measure}", TargetSetters, Ask.Send(Put, _ => "/api/reports/targets/firstContactRate", (_, _) => new { comparison = ">=", value = 90 })),
        Api("DELETE /api/reports/targets/{measure}", "401 403 403 403 403 404 403 404", Ask.Send(Delete, d => $"/api/reports/targets/mx-none-{d.Suffix}"),
            "a measure without a target: the setters are told there is none, the others are refused first"),
        // Scorecards: everyone's own row; by department or group (and other people's rows) for the report readers.
        Api("GET /api/reports/scorecards", Staff, Ask.Get(_ => "/api/reports/scorecards")),
        Api("GET /api/reports/scorecards", ReportReaders, Ask.Get(_ => "/api/reports/scorecards?by=department"), "by department"),
        Api("GET /api/reports/scorecards.csv", Staff, Ask.Get(_ => "/api/reports/scorecards.csv")),
        Api("GET /api/reports/scorecards.xlsx", Staff, Ask.Get(_ => "/api/reports/scorecards.xlsx")),
        // Scheduled reports: readers mail any report to readers; anyone may mail themselves their own figures; a
        // subscription is managed by the report readers and its owner (to anyone else it does not exist).
        Api("GET /api/reports/subscriptions/", Staff, Ask.Get(_ => "/api/reports/subscriptions")),
        Api("POST /api/reports/subscriptions/", ReportReaders, Ask.Send(Post, _ => "/api/reports/subscriptions",
            (_, _) => new { name = "mx quality", report = "quality", period = "monthly", roles = new[] { "Supervisor" } }), "the quality report to supervisors"),
        Api("POST /api/reports/subscriptions/", Staff, Ask.Send(Post, _ => "/api/reports/subscriptions",
            (_, _) => new { name = "mx mine", report = "me", period = "weekly" }), "one's own figures to oneself"),
        Api("PUT /api/reports/subscriptions/{id:guid}", "401 404 ok  404 ok  ok  ok  ok", Ask.Fresh(SubscriptionAsync, Put, (_, id) => $"/api/reports/subscriptions/{id}",
            (_, _) => Ask.Json(new { name = "mx changed", report = "management", period = "quarterly", roles = new[] { "Auditor" } })),
            "the administrator's subscription"),
        Api("DELETE /api/reports/subscriptions/{id:guid}", "401 404 ok  404 ok  ok  ok  ok", Ask.Fresh(SubscriptionAsync, Delete, (_, id) => $"/api/reports/subscriptions/{id}")),
        // Periodic analyses: quality, management (supervisors), auditors and administrators read; quality amends its text.
        Api("GET /api/reports/analyses/", AnalysisReaders, Ask.Get(_ => "/api/reports/analyses")),
        Api("GET /api/reports/analyses/{id:guid}", AnalysisReaders, Ask.Fresh(d => Task.FromResult(AnalysisId(d)), HttpMethod.Get, (_, id) => $"/api/reports/analyses/{id}")),
        Api("PATCH /api/reports/analyses/{id:guid}", TargetSetters, Ask.Fresh(d => Task.FromResult(AnalysisId(d)), HttpMethod.Patch, (_, id) => $"/api/reports/analyses/{id}",
            (_, _) => Ask.Json(new { proposals = "mx" }))),
        Api("POST /api/reports/subscriptions/{id:guid}/run", "401 404 ok  404 ok  ok  ok  ok", Ask.Fresh(SubscriptionAsync, Post, (_, id) => $"/api/reports/subscriptions/{id}/run")),
        Api("POST /api/imports/", Importers, (_, _) => Task.FromResult(new HttpRequestMessage(Post, "/api/imports")
            { Content = new MultipartFormDataContent { { new StringContent("matrix"), "format" } } }), "an upload naming no known format: 400 for the importers"),
        Api("GET /api/imports/", ReportReaders, Ask.Get(_ => "/api/imports")),
        Api("GET /api/imports/{id:guid}", "401 403 404 403 404 404 404 404", Ask.Get(_ => $"/api/imports/{Guid.Empty}"), "an import that does not exist"),
        Api("GET /api/imports/{id:guid}/summary", "401 403 404 403 404 404 404 404", Ask.Get(_ => $"/api/imports/{Guid.Empty}/summary")),
        Api("DELETE /api/imports/{id:guid}", Importers, Ask.Send(Delete, _ => $"/api/imports/{Guid.Empty}"), "nothing to remove: 409 for the importers"),

        // Tickets: recorded and changed by the desk (front line, supervisors, technical support, admins) where they may read them.
        Api("POST /api/tickets/", "401 ok  ok  ok  403 403 403 ok", Ask.Send(Post, _ => "/api/tickets", (_, _) => MatrixDesk.TicketBody("recorded in the matrix"))),
        Api("GET /api/tickets/", Staff, Ask.Get(_ => "/api/tickets")),
        Api("GET /api/tickets/{number}", TicketReaders, Ask.Get(d => $"/api/tickets/{d.Ticket}")),
        Api("POST /api/tickets/{number}/steps", TicketWriters, Ask.Send(Post, d => $"/api/tickets/{d.Ticket}/steps", (_, _) => new { action = "checked the logs" })),
        Api("POST /api/tickets/{number}/communications", TicketWriters, Ask.Send(Post, d => $"/api/tickets/{d.Ticket}/communications",
            (_, _) => new { channel = "phone", counterpart = "customer", outcome = "asked for a screenshot", @internal = true })),
        Api("POST /api/tickets/{number}/status", TicketWriters, Ask.Send(Post, d => $"/api/tickets/{d.Ticket}/status", (_, _) => new { status = "WaitingForCustomer" })),
        Api("POST /api/tickets/{number}/actions", TicketWriters, Ask.Send(Post, d => $"/api/tickets/{d.Ticket}/actions",
            (d, _) => new { description = "add a monitor", owner = d.Name(Who.TechSupport), deadline = DateTimeOffset.UtcNow.AddDays(7) })),
        Api("PUT /api/tickets/{number}/analysis", TicketWriters, Ask.Send(Put, d => $"/api/tickets/{d.Ticket}/analysis", (_, _) => new { technology = "expired certificate" })),
        Api("POST /api/tickets/{number}/escalate", TicketWriters, Ask.Send(Post, d => $"/api/tickets/{d.Ticket}/escalate", (_, _) => new { to = "Tier2", reason = "beyond tier 1" })),
        Api("POST /api/tickets/{number}/attachments", TicketWriters, (d, _) => Task.FromResult(new HttpRequestMessage(Post, $"/api/tickets/{d.Ticket}/attachments")
            { Content = new MultipartFormDataContent { { new ByteArrayContent("log"u8.ToArray()), "file", "log.txt" } } })),
        Api("GET /api/tickets/{number}/attachments/{id:guid}", TicketReaders, Ask.Get(d => $"/api/tickets/{d.Ticket}/attachments/{d.Attachment}")),
        Api("DELETE /api/tickets/{number}/attachments/{id:guid}", "401 404 ok  403 404 403 403 ok", Ask.Fresh(d => d.AttachmentAsync(), Delete,
            (d, id) => $"/api/tickets/{d.Ticket}/attachments/{id}"), "added by the administrator: its uploader or a supervisor removes it"),
        Api("POST /api/tickets/{number}/knowledge-draft", "401 ok  ok  ok  404 403 403 ok", Ask.Send(Post, d => $"/api/tickets/{d.ClosedTicket}/knowledge-draft"),
            "a ticket closed at once, recorded by the front line"),

        // SLA clocks: read with the ticket; paused and re-planned by supervisors only.
        Api("GET /api/tickets/{number}/sla/", TicketReaders, Ask.Get(d => $"/api/tickets/{d.Ticket}/sla")),
        Api("POST /api/tickets/{number}/sla/pause", "401 404 ok  403 404 403 403 ok", Ask.Send(Post, d => $"/api/tickets/{d.Ticket}/sla/pause", (_, _) => new { reason = "matrix" })),
        Api("POST /api/tickets/{number}/sla/resume", "401 404 ok  403 404 403 403 ok", Ask.Send(Post, d => $"/api/tickets/{d.Ticket}/sla/resume", (_, _) => new { reason = "matrix" })),
        Api("POST /api/tickets/{number}/sla/replan", "401 404 ok  403 404 403 403 ok", Ask.Send(Post, d => $"/api/tickets/{d.Ticket}/sla/replan", (_, _) => new { reason = "matrix" })),

        // Knowledge: everyone reads; the desk and the deciders edit; auditors only read.
        Api("GET /api/knowledge/", Staff, Ask.Get(_ => "/api/knowledge")),
        Api("GET /api/knowledge/{id:guid}", Staff, Ask.Get(d => $"/api/knowledge/{d.Article}")),
        Api("PUT /api/knowledge/{id:guid}", "401 ok  ok  ok  ok  ok  403 ok", Ask.Fresh(d => d.ArticleVersionAsync(), Put, (d, _) => $"/api/knowledge/{d.Article}",
            (_, version) => Ask.Json(new { title = "VPN drops", body = "Renew the certificate", status = "Draft", rowVersion = version }))),

        // SLA calendars and policies: staff read, process owners change.
        Api("POST /api/sla/preview", Staff, Ask.Send(Post, _ => "/api/sla/preview", (_, _) => new { calendar = "default", duration = "PT4H" })),
        Api("GET /api/sla/calendars", Staff, Ask.Get(_ => "/api/sla/calendars")),
        Api("PUT /api/sla/calendars/{name}", ProcessOwners, Ask.Send(Put, d => $"/api/sla/calendars/mx-{d.Suffix}", (_, _) => new { timeZone = "UTC", weeklyHours = new[] { "Monday 08:00-17:00" } })),
        Api("POST /api/sla/calendars/{name}/ics", ProcessOwners, (_, _) => Task.FromResult(new HttpRequestMessage(Post, "/api/sla/calendars/default/ics")
            { Content = new StringContent("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", System.Text.Encoding.UTF8, "text/calendar") })),
        Api("GET /api/sla/policies", Staff, Ask.Get(_ => "/api/sla/policies")),
        Api("PUT /api/sla/policies/{key}", ProcessOwners, Ask.Send(Put, d => $"/api/sla/policies/mx-{d.Suffix}",
            (_, _) => new { priority = "P4", firstResponse = "PT2H", resolution = "P2D", calendar = "default" })),

        // People and surveys.
        Api("GET /api/admin/users/", Admins, Ask.Get(_ => "/api/admin/users")),
        Api("POST /api/admin/users/", Admins, Ask.Send(Post, _ => "/api/admin/users", (d, who) => new { userName = $"mx-new-{who}-{d.Suffix}", password = Tickets.People.Password })),
        Api("POST /api/surveys/", Admins, Ask.Send(Post, _ => "/api/surveys", (d, who) => new { businessKey = $"MX-{who}-{d.Suffix}", variables = new { customerEmail = "customer@example.com" } })),
        Api("GET /api/surveys/", Staff, Ask.Get(_ => "/api/surveys")),

        // Pages. Anonymous visitors are sent to sign in; a role the page is not for is sent to /account/denied.
        Page("account/denied", Everyone, _ => "/account/denied"),
        // The page a browser is shown for an error status; opened directly it answers with that status, to anyone.
        Page("status/{code:int}", "404 404 404 404 404 404 404 404", _ => "/status/404"),
        Page("account/login", Everyone, _ => "/account/login"),
        Page("account/logout", Staff, _ => "/account/logout"),
        Page("account/password", Staff, _ => "/account/password"),
        Page("", Staff, _ => "/"),
        Page("Index", Staff, _ => "/Index"),
        Page("inbox", Staff, _ => "/inbox"),
        Page("board", Operators, _ => "/board"),
        Page("tickets", Staff, _ => "/tickets"),
        Page("tickets/new", "401 ok  ok  ok  403 403 403 ok", _ => "/tickets/new"),
        new("* tickets/new", "recording a ticket", "401 ok  ok  ok  403 403 403 ok", IsPage: true, Ask.PostForm(_ => "/tickets/new", _ => new()
        {
            ["Input.Title"] = "recorded on the page", ["Input.Description"] = "d", ["Input.ServiceType"] = "system-operations", ["Input.ServiceObject"] = "VPN",
            ["Input.DiscoveredAt"] = DateTime.Now.AddMinutes(-2).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Channel"] = "Phone", ["Input.Priority"] = "P3",
        })),
        Page("tickets/{number}", TicketReaders, d => $"/tickets/{d.Ticket}"),
        Page("requests", Staff, _ => "/requests"),
        Page("requests/new", Staff, _ => "/requests/new"),
        Page("requests/new", "401 ok  ok  ok  ok  ok  403 ok", _ => "/requests/new?key=account-unlock", "the account unlock form"),
        Page("tasks/{id:guid}", "401 404 ok  404 404 404 ok  ok", d => $"/tasks/{d.ReviewTask}"),
        new("* tasks/{id:guid}", "an SLA escalation task", "401 404 ok  404 404 404 ok  ok", IsPage: true,
            Ask.Fresh(d => d.FreshEscalationTaskAsync(), HttpMethod.Get, (_, id) => $"/tasks/{id}")),
        Page("knowledge", Staff, _ => "/knowledge"),
        Page("knowledge/{id:guid}", Staff, d => $"/knowledge/{d.Article}"),
        Page("knowledge/{id:guid}/edit", "401 ok  ok  ok  ok  ok  403 ok", d => $"/knowledge/{d.Article}/edit"),
        Page("knowledge/from-ticket/{number}", Staff, d => $"/knowledge/from-ticket/{d.ClosedTicket}"),
        new("* knowledge/from-ticket/{number}", "drafting from a ticket", "401 ok  ok  ok  404 403 403 ok", IsPage: true,
            Ask.PostForm(d => $"/knowledge/from-ticket/{d.ClosedTicket}", _ => new())),
        Page("workflows", ProcessOwners, _ => "/workflows"),
        Page("workflows/{key}/design", ProcessOwners, d => $"/workflows/{d.DesignKey}/design"),
        Page("decisions", ProcessOwners, _ => "/decisions"),
        Page("decisions/{key}/design", ProcessOwners, _ => "/decisions/routing/design"),
        Page("instances/{id:guid}", Operators, d => $"/instances/{d.TicketInstance}"),
        Page("admin/sla/calendars", ProcessOwners, _ => "/admin/sla/calendars"),
        Page("admin/sla/policies", ProcessOwners, _ => "/admin/sla/policies"),
        Page("admin/mail", Admins, _ => "/admin/mail"),
        Page("reports", ReportReaders, _ => "/reports"),
        Page("reports/me", Staff, _ => "/reports/me"),
        Page("reports/tickets", Staff, _ => "/reports/tickets?measure=volume"),
        Page("reports/explore", ReportReaders, _ => "/reports/explore"),
        Page("reports/process", ReportReaders, _ => "/reports/process"),
        Page("reports/targets", ReportReaders, _ => "/reports/targets"),
        Page("reports/imports", ReportReaders, _ => "/reports/imports"),
        Page("reports/scorecards", Staff, _ => "/reports/scorecards"),
        Page("reports/subscriptions", Staff, _ => "/reports/subscriptions"),
        Page("reports/analyses/{id:guid?}", AnalysisReaders, _ => "/reports/analyses"),
        Page("reports/analyses/{id:guid?}", AnalysisReaders, d => $"/reports/analyses/{AnalysisId(d)}", "one analysis"),
        Page("survey/{token}", Everyone, d => $"/survey/{d.SurveyToken}", "the customer's link: anyone who holds it, except the staff who handled the ticket"),
    ];

    static int analyses;

    /// A period analysis with quality (as the periodic-review workflow leaves it), each for a period of its own.
    static Guid AnalysisId(MatrixDesk d)
    {
        using var scope = d.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceFlow.Web.Data.ServiceFlowDbContext>();
        var from = new DateOnly(2000, 1, 1).AddMonths(Interlocked.Increment(ref analyses));
        var analysis = new ServiceFlow.Web.Features.Reports.Analyses.PeriodAnalysis
        {
            Id = Guid.NewGuid(),
            Kind = "month",
            PeriodFrom = from,
            PeriodTo = from.AddMonths(1),
            Label = from.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
            ComputedAt = DateTimeOffset.UtcNow,
        };
        db.Add(analysis);
        db.SaveChanges();
        return analysis.Id;
    }

    static async Task<Guid> SubscriptionAsync(MatrixDesk d)
    {
        var response = await d.Admin.PostAsJsonAsync("/api/reports/subscriptions", new { name = "mx made", report = "quality", period = "monthly", roles = new[] { "Supervisor" } });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
    }
}
