using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ServiceFlow.Web.Tests.Infrastructure;
using ServiceFlow.Web.Tests.Runtime;
using ServiceFlow.Web.Tests.Tickets;

namespace ServiceFlow.Web.Tests.Decisions;

/// service-exception decides a ticket's priority (impact × urgency) and group (service type × priority) with the
/// published decision tables, in its business rule tasks, and its journal names the rules that matched.
public sealed class TicketDecisionTests(ServiceFlowApp app) : IClassFixture<ServiceFlowApp>
{
    readonly HttpClient admin = app.CreateAdminApiClient();
    readonly RuntimeClient runtime = new(app.CreateAdminApiClient());

    static object NewTicket(string title, string? impact, string? urgency, string? priority = null, string serviceType = "system-operations", bool resolvedAtOnce = false) => new
    {
        title,
        description = "打印机无法连接",
        serviceType,
        serviceObject = "Printer",
        discoveredAt = DateTimeOffset.UtcNow.AddMinutes(-2),
        channel = "Phone",
        priority,
        impact,
        urgency,
        resolvedAtOnce,
        solution = resolvedAtOnce ? "Restarted the spooler" : null,
    };

    async Task<HttpClient> FrontAsync() => await People.CreateAsync(app, Models.Unique("front"), "FrontLine", "Supervisor");

    static async Task<JsonElement> RecordAsync(HttpClient front, object ticket)
    {
        var created = await front.PostAsJsonAsync("/api/tickets", ticket);
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var number = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString();
        return (await front.GetFromJsonAsync<JsonElement>($"/api/tickets/{number}")).GetProperty("record");
    }

    [Fact]
    public async Task NextTicket_GetsThePriorityOfANewlyPublishedMatrix_AndTheJournalNamesTheRule()
    {
        var front = await FrontAsync();
        var before = await RecordAsync(front, NewTicket("before", "low", "low"));
        before.GetProperty("priority").GetString().Should().Be("P4", "the shipped matrix gives low × low P4");

        var published = await DecisionTables.PublishAsync(admin, "priority-matrix", DecisionTables.MatrixWith("low", "low", "P1"));
        var after = await RecordAsync(front, NewTicket("after", "low", "low"));

        after.GetProperty("priority").GetString().Should().Be("P1");
        after.GetProperty("impact").GetString().Should().Be("low");
        (await front.GetFromJsonAsync<JsonElement>($"/api/tickets/{before.GetProperty("number").GetString()}")).GetProperty("record")
            .GetProperty("priority").GetString().Should().Be("P4", "a ticket already recorded keeps its priority");
        var journal = await runtime.JournalAsync(after.GetProperty("instanceId").GetGuid());
        journal.Select(j => j.GetProperty("detail").GetString()).Should().Contain(
            $"priority-matrix v{published.GetProperty("version").GetInt32()} (UNIQUE) for Impact = \"low\", Urgency = \"low\": rule 9 'rule-low-low' → \"P1\"");
        journal.Should().Contain(j => j.GetProperty("kind").GetString() == "DecisionEvaluated" && j.GetProperty("detail").GetString()!.StartsWith("routing v", StringComparison.Ordinal));

        await DecisionTables.PublishAsync(admin, "priority-matrix", DecisionTables.Shipped("priority-matrix"));
    }

    [Fact]
    public async Task Routing_SendsTheTicketToTheGroupTheTableNames_AndItsHandlerTaskToThatGroup()
    {
        var front = await FrontAsync();
        await DecisionTables.PublishAsync(admin, "routing", DecisionTables.RoutingWith("after-sales", "Supervisor"));

        var routed = await RecordAsync(front, NewTicket("routed", "high", "medium", serviceType: "after-sales"));
        var other = await RecordAsync(front, NewTicket("not routed", "high", "medium", serviceType: "consultation"));

        routed.GetProperty("group").GetString().Should().Be("Supervisor");
        routed.GetProperty("priority").GetString().Should().Be("P2");
        other.GetProperty("group").GetString().Should().Be("TechSupport", "the default rule still catches every other type");

        await DecisionTables.PublishAsync(admin, "routing", DecisionTables.Shipped("routing"));
    }

    [Fact]
    public async Task AGivenPriority_IsKept_AndTheMatrixIsNotAsked()
    {
        var ticket = await RecordAsync(await FrontAsync(), NewTicket("explicit", null, null, priority: "P2"));

        ticket.GetProperty("priority").GetString().Should().Be("P2");
        var journal = await runtime.JournalAsync(ticket.GetProperty("instanceId").GetGuid());
        journal.Select(j => j.GetProperty("detail").GetString() ?? "").Should().NotContain(d => d.StartsWith("priority-matrix", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ATicketClosedAtOnce_GetsItsPriorityAndGroupFromTheSameTables()
    {
        var ticket = await RecordAsync(await FrontAsync(), NewTicket("at once", "medium", "high", resolvedAtOnce: true));

        ticket.GetProperty("status").GetString().Should().Be("ClosedAtOnce");
        ticket.GetProperty("priority").GetString().Should().Be("P2");
        ticket.GetProperty("group").GetString().Should().Be("TechSupport");
    }

    [Fact]
    public async Task ARecordTheMatrixCannotDecide_IsRefusedWith400_AndNothingIsRecorded()
    {
        var front = await FrontAsync();
        var withoutCell = System.Text.RegularExpressions.Regex.Replace(DecisionTables.Shipped("priority-matrix"),
            "<rule id=\"rule-low-low\">.*?</rule>", "", System.Text.RegularExpressions.RegexOptions.Singleline);
        await DecisionTables.PublishAsync(admin, "priority-matrix", withoutCell);

        var refused = await front.PostAsJsonAsync("/api/tickets", NewTicket("undecidable", "low", "low"));
        var missingField = await front.PostAsJsonAsync("/api/tickets", NewTicket("half", "low", null));

        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("priority could not be decided").And.Contain("Choose a priority yourself");
        missingField.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await missingField.Content.ReadAsStringAsync()).Should().Contain("urgency");
        (await front.GetStringAsync("/api/tickets?q=undecidable")).Should().NotContain("undecidable", "the refused record left nothing behind");

        await DecisionTables.PublishAsync(admin, "priority-matrix", DecisionTables.Shipped("priority-matrix"));
    }
}
