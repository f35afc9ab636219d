using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ServiceFlow.Web.Features.Surveys;
using ServiceFlow.Web.Features.Tickets;
using ServiceFlow.Web.Runtime;
using ServiceFlow.Web.Tests.Infrastructure;
using ServiceFlow.Web.Tests.Runtime;
using ServiceFlow.Web.Tests.Surveys;
using ServiceFlow.Web.Tests.Tickets;

namespace ServiceFlow.Web.Tests.Security;

/// The workflow attacks found by probing the running product (issue #16), each replayed against the
/// real host: who may start what, which messages come from outside, and that an archived record
/// never changes, whatever writes to it.
public sealed class AttackRegressionTests(AttackApp app) : IClassFixture<AttackApp>, IAsyncLifetime
{
    AttackDesk desk = null!;

    public async Task InitializeAsync() => desk = await AttackDesk.CreateAsync(app);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task StartingTheTicketLifecycle_ThroughTheApi_IsRefused_AndTheArchivedTicketKeepsItsRecord()
    {
        var number = await desk.ArchivedAsync("archived before the attack");
        var attack = new { workflowKey = "service-exception", businessKey = number, variables = new { solution = "TAMPERED", group = "FrontLine", handler = desk.FrontName } };

        foreach (var attacker in new[] { desk.Front, desk.Auditor, desk.Admin })
        {
            var response = await attacker.PostAsJsonAsync("/api/instances", attack);
            response.StatusCode.Should().Be(HttpStatusCode.Forbidden, await response.Content.ReadAsStringAsync());
            (await response.Content.ReadAsStringAsync()).Should().Contain("tickets feature");
        }
        var record = await desk.RecordOf(number);
        (record.GetProperty("status").GetString(), record.GetProperty("solution").GetString(), record.GetProperty("group").GetString())
            .Should().Be(("Archived", "Flushed the token cache", "TechSupport"));
    }

    [Fact]
    public async Task ARequestWithoutAValidToken_Gets401_SayingHowToSignIn()
    {
        using var stranger = app.CreateClient(new() { AllowAutoRedirect = false });
        stranger.DefaultRequestHeaders.Authorization = new("Bearer", "not-a-token");

        var response = await stranger.GetAsync("/api/surveys");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().Should().Contain("POST /api/auth/token");
    }

    [Fact]
    public async Task FeatureWorkflows_AreStartedByTheirFeaturesOnly_SoNoPhishingMailGoesOut()
    {
        var phished = $"victim-{desk.Suffix}@example.com";
        foreach (var key in new[] { "callback-survey", "email-intake" })
        {
            (await desk.Auditor.PostAsJsonAsync("/api/instances", new { workflowKey = key, businessKey = $"X-{desk.Suffix}", variables = new { customerEmail = phished, from = phished } }))
                .StatusCode.Should().Be(HttpStatusCode.Forbidden, $"{key} is started by its feature");
        }
        var survey = await desk.Front.PostAsJsonAsync("/api/surveys", new
        {
            businessKey = $"SE-2026-{desk.Suffix}",
            variables = new { customerEmail = phished, ticket = new { number = "Your account is locked: log in at evil.example" } },
        });

        survey.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await survey.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().Should()
            .Contain("roles do not allow POST /api/surveys", "a refusal says why, so the caller knows a role is missing, not a token");
        (await SurveyHost.WithDbAsync(app, db => db.Outbox.CountAsync(m => m.To == phished))).Should().Be(0);
        (await SurveyHost.WithDbAsync(app, db => db.ProcessInstances.CountAsync(i => i.BusinessKey == $"X-{desk.Suffix}"))).Should().Be(0);
    }

    [Fact]
    public async Task AWorkflow_IsStartedByTheRolesItNames_NeverUnderAnExistingTicketsNumber()
    {
        var key = Models.Unique("callback-request");
        await new RuntimeClient(desk.Admin).PublishAsync(Models.Approval(key).Replace($"<process id=\"{key}\"", $"<process id=\"{key}\" sf:candidateStarterGroups=\"FrontLine\"", StringComparison.Ordinal));
        var ticket = await desk.RecordAsync("someone else's ticket");

        (await desk.Front.PostAsJsonAsync("/api/instances", new { workflowKey = key })).StatusCode.Should().Be(HttpStatusCode.Created);
        (await desk.Tech.PostAsJsonAsync("/api/instances", new { workflowKey = key })).StatusCode.Should().Be(HttpStatusCode.Forbidden, "the workflow names FrontLine only");
        (await desk.Front.PostAsJsonAsync("/api/instances", new { workflowKey = key, businessKey = ticket })).StatusCode
            .Should().Be(HttpStatusCode.Conflict, "an instance must not pass itself off as the ticket's");
    }

    [Fact]
    public async Task AnotherInstanceUnderATicketsNumber_ChangesNothing_AndAnArchivedTicketRefusesEveryWrite()
    {
        var open = await desk.RecordAsync("open ticket");
        var archived = await desk.ArchivedAsync("archived ticket");
        var runner = app.Services.GetRequiredService<ProcessRunner>();
        var tampered = new Dictionary<string, JsonElement>
        {
            ["solution"] = JsonSerializer.SerializeToElement("TAMPERED"),
            ["group"] = JsonSerializer.SerializeToElement("FrontLine"),
            ["handler"] = JsonSerializer.SerializeToElement(desk.FrontName),
        };

        // Whatever path some day starts a lifecycle under an existing number, its steps do not write the ticket.
        await runner.StartAsync("service-exception", null, open, tampered, "mallory");
        await runner.StartAsync("service-exception", null, archived, tampered, "mallory");

        (await desk.RecordOf(open)).GetProperty("group").GetString().Should().Be("TechSupport");
        (await desk.OtherFront.GetAsync($"/api/tickets/{open}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "the ticket did not move into the front line's group");
        var record = await desk.RecordOf(archived);
        (record.GetProperty("status").GetString(), record.GetProperty("solution").GetString()).Should().Be(("Archived", "Flushed the token cache"));

        // And where the record is written, the database itself refuses.
        var write = () => SurveyHost.WithDbAsync(app, db => db.Tickets.Where(t => t.Number == archived)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Solution, "TAMPERED")));
        (await write.Should().ThrowAsync<PostgresException>()).Which.SqlState.Should().Be("SF423");
        var upload = new MultipartFormDataContent { { new ByteArrayContent("x"u8.ToArray()), "file", "late.txt" } };
        (await desk.Tech.PostAsync($"/api/tickets/{archived}/attachments", upload)).StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task ASurveyAnswer_CannotBeFaked_ThroughTheApi_TheCustomersAnswerDrivesTheWorkflow()
    {
        var customer = $"customer-{desk.Suffix}@example.com";
        var number = await desk.ArchivedAsync("survey target", customer);
        var invitation = await app.InvitationToAsync(customer);

        foreach (var faker in new[] { desk.Front, desk.Admin })
        {
            var fake = await faker.PostAsJsonAsync("/api/messages", new { name = "survey-answer", correlationKey = number, variables = new { score = 1 } });
            fake.StatusCode.Should().Be(HttpStatusCode.Forbidden, await fake.Content.ReadAsStringAsync());
        }
        var path = SurveyHost.SurveyPath(invitation);
        var browser = app.CreateClient();
        var form = await (await browser.GetAsync(path)).Content.ReadAsStringAsync();
        var answered = await browser.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["score"] = "5",
            ["__RequestVerificationToken"] = SurveyHost.Antiforgery(form),
        }));

        SurveyHost.Outcome(await answered.Content.ReadAsStringAsync()).Should().Be("Thanks");
        var instance = await SurveyHost.WithDbAsync(app, db => db.ProcessInstances.SingleAsync(i => i.WorkflowKey == "callback-survey" && i.BusinessKey == number));
        await new RuntimeClient(desk.Admin).WaitForStatusAsync(instance.Id, "Completed", TimeSpan.FromSeconds(10));
        (await new RuntimeClient(desk.Admin).InstanceAsync(instance.Id)).GetProperty("variables").GetProperty("score").GetInt32().Should().Be(5);
        (await SurveyHost.WithDbAsync(app, db => db.UserTasks.CountAsync(t => t.InstanceId == instance.Id))).Should().Be(0, "a 5 opens no follow-up");
    }

    [Fact]
    public async Task TheSurveyLink_IsInTheCustomersMailOnly_SoTheHandlerCannotRateHimself()
    {
        var customer = $"rated-{desk.Suffix}@example.com";
        var number = await desk.ArchivedAsync("handled by the technician", customer);
        var path = SurveyHost.SurveyPath(await app.InvitationToAsync(customer));
        var token = path.Split('/')[^1].Split('?')[0];
        var survey = await SurveyHost.WithDbAsync(app, db => db.ProcessInstances.SingleAsync(i => i.WorkflowKey == "callback-survey" && i.BusinessKey == number));

        // The handler may read the survey's instance (he may read the ticket), but no link is in it.
        var instance = await desk.Tech.GetAsync($"/api/instances/{survey.Id}");
        instance.StatusCode.Should().Be(HttpStatusCode.OK);
        var readable = string.Join("\n", await instance.Content.ReadAsStringAsync(), await desk.Tech.GetStringAsync($"/api/instances/{survey.Id}/journal"),
            await desk.Tech.GetStringAsync($"/api/surveys?businessKey={number}"),
            string.Join("\n", await SurveyHost.WithDbAsync(app, db => db.Outbox.Where(m => m.BusinessKey == number).Select(m => m.Model).ToListAsync())));
        readable.Should().NotContain("/survey/").And.NotContain(token);

        var handler = await SurveyHost.SignInAsync(app, desk.TechName, People.Password);
        SurveyHost.Outcome(await (await handler.GetAsync(path)).Content.ReadAsStringAsync()).Should().Be("StaffRefused");
    }

    [Fact]
    public async Task InstancesJournalsAndSurveys_AreAsHiddenAsTheirTicket()
    {
        var customer = $"hidden-{desk.Suffix}@example.com";
        var afterSales = await desk.RecordAsync("routed to the front line", customer, serviceType: "after-sales");
        var instance = await desk.InstanceOf(afterSales);
        var archived = await desk.ArchivedAsync("survey of a TechSupport ticket", $"listed-{desk.Suffix}@example.com");

        (await desk.Tech.GetAsync($"/api/tickets/{afterSales}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await desk.Tech.GetAsync($"/api/instances/{instance}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await desk.Tech.GetAsync($"/api/instances/{instance}/journal")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await desk.OtherFront.GetAsync($"/api/instances/{instance}")).StatusCode.Should().Be(HttpStatusCode.OK, "the ticket is the front line group's");

        await SurveyHost.EventuallyAsync(() => SurveyHost.WithDbAsync(app, db => db.Surveys.AnyAsync(s => s.BusinessKey == archived)), "the survey exists");
        (await desk.OtherFront.GetStringAsync("/api/surveys")).Should().NotContain($"listed-{desk.Suffix}@example.com", "the ticket is TechSupport's, not hers");
        (await desk.Front.GetStringAsync("/api/surveys")).Should().Contain($"listed-{desk.Suffix}@example.com", "she recorded it");
    }
}
