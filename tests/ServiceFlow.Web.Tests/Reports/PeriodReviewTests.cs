using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Reports.Analyses;
using ServiceFlow.Web.Runtime;
using ServiceFlow.Web.Tests.Tickets;
using static ServiceFlow.Web.Tests.Reports.ReportsClient;

namespace ServiceFlow.Web.Tests.Reports;

/// The hand-made desk, with the clock on 1 July 2026 at 01:00:30 in Shanghai: the monthly timer of the shipped
/// periodic-review workflow is due, and June (T1–T4) is the month that has just ended.
public sealed class PeriodReviewApp : HandMadeDeskApp
{
    public static readonly DateTimeOffset FirstOfJuly = new(2026, 7, 1, 1, 0, 0, Shanghai);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Clock.SetUtcNow(FirstOfJuly.AddSeconds(30).ToUniversalTime());
    }
}

/// The periodic analysis and review (docs/reports.md): the timer start freezes one analysis per period however often
/// its job runs, its figures are those of the measures API, quality writes conclusions, management sends them back or
/// approves them with actions, and an approved analysis refuses every change.
public sealed class PeriodReviewTests(PeriodReviewApp app) : IClassFixture<PeriodReviewApp>
{
    ServiceFlowDbContext Db() => app.Services.CreateScope().ServiceProvider.GetRequiredService<ServiceFlowDbContext>();

    /// Fires the monthly timer start for 1 July 01:00 (twice: the second run finds the row advanced and starts nothing).
    async Task<PeriodAnalysis> JuneAsync()
    {
        var row = await Db().TimerStarts.AsNoTracking().SingleAsync(t => t.WorkflowKey == PeriodReviewInputs.WorkflowKey && t.StartEventId == "monthly" && t.Active);
        if (!await Db().Set<PeriodAnalysis>().AnyAsync(a => a.Kind == "month" && a.PeriodFrom == new DateOnly(2026, 6, 1)))
        {
            await Db().TimerStarts.Where(t => t.Id == row.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.NextDue, PeriodReviewApp.FirstOfJuly.ToUniversalTime()));
            await app.Services.GetRequiredService<TimerStartJobs>().FireAsync(row.Id);
            await SecondRunAsync(row.Id);
        }
        return await Db().Set<PeriodAnalysis>().AsNoTracking().SingleAsync(a => a.Kind == "month" && a.PeriodFrom == new DateOnly(2026, 6, 1));
    }

    /// The same job run again (a Hangfire retry, another node): it waits for the row's next due time by its own clock,
    /// which here is already past it, then finds the row not due by the host's clock and starts nothing.
    Task SecondRunAsync(Guid row)
    {
        var s = app.Services;
        var later = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero));
        return new TimerStartJobs(s.GetRequiredService<ProcessRunner>(), s.GetRequiredService<DefinitionStore>(),
            s.GetRequiredService<IServiceScopeFactory>(), later).FireAsync(row);
    }

    async Task<Guid> OpenTaskAsync(Guid instance, string activity) =>
        await Db().UserTasks.Where(t => t.InstanceId == instance && t.ActivityId == activity && t.Status == UserTaskStatus.Open).Select(t => t.Id).SingleAsync();

    [Fact]
    public async Task MonthlyTimer_FreezesJuneOnce_EvenWhenTheJobRunsTwice_OrTheSameDueTimeFiresAgain()
    {
        var june = await JuneAsync();
        var row = await Db().TimerStarts.AsNoTracking().SingleAsync(t => t.WorkflowKey == PeriodReviewInputs.WorkflowKey && t.StartEventId == "monthly" && t.Active);
        row.NextDue.Should().Be(new DateTimeOffset(2026, 8, 1, 1, 0, 0, ReportsApp.Shanghai), "a monthly cycle steps in calendar months");

        // The same due time again (a restored job store, say): a second instance starts, finds June analysed and ends.
        await Db().TimerStarts.Where(t => t.Id == row.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.NextDue, PeriodReviewApp.FirstOfJuly.ToUniversalTime()));
        await app.Services.GetRequiredService<TimerStartJobs>().FireAsync(row.Id);

        var db = Db();
        (await db.Set<PeriodAnalysis>().CountAsync(a => a.Kind == "month" && a.PeriodFrom == new DateOnly(2026, 6, 1))).Should().Be(1);
        var instances = await db.ProcessInstances.Where(i => i.WorkflowKey == PeriodReviewInputs.WorkflowKey).ToListAsync();
        instances.Should().HaveCount(2);
        instances.Should().ContainSingle(i => i.Status == ServiceFlow.Engine.Execution.InstanceStatus.Completed, "the second one stood down");
        (await db.UserTasks.CountAsync(t => t.WorkflowKey == PeriodReviewInputs.WorkflowKey && t.ActivityId == "analyse")).Should().Be(1);
        june.Label.Should().Be("2026-06");
        june.PeriodTo.Should().Be(new DateOnly(2026, 7, 1));
        june.State.Should().Be(AnalysisState.InAnalysis);
    }

    [Fact]
    public async Task FrozenFigures_AreTheMeasuresApisForTheSameMonth_AndStayWhenTheDeskChanges()
    {
        var june = await JuneAsync();
        var admin = app.CreateAdminApiClient();
        var api = await MeasuresAsync(admin, $"from=2026-06-01&to=2026-07-01&measures={string.Join(',', AnalysisFigures.Keys)}");
        var document = await GetAsync(admin, $"/api/reports/analyses/{june.Id}");
        var frozen = document.GetProperty("figures").GetProperty("current").GetProperty("total").GetProperty("values");
        foreach (var key in AnalysisFigures.Keys)
        {
            var expected = Total(api, key);
            var actual = frozen.GetProperty(key);
            actual.GetProperty("n").GetInt64().Should().Be(expected.GetProperty("n").GetInt64(), key);
            Value(actual).Should().Be(Value(expected), key);
        }
        // By hand (HandMadeDesk): four recorded in June, one complaint among them; May had none.
        Value(frozen.GetProperty("volume")).Should().Be(4);
        Value(frozen.GetProperty("complaintRate")).Should().Be(0.25);
        Value(document.GetProperty("figures").GetProperty("previous").GetProperty("total").GetProperty("values").GetProperty("volume")).Should().Be(0);
        var causes = document.GetProperty("figures").GetProperty("paretoOfCauses").GetProperty("bars").EnumerateArray()
            .ToDictionary(b => b.GetProperty("key").GetString()!, b => b.GetProperty("count").GetInt64());
        causes.Should().Equal(new Dictionary<string, long> { ["technology"] = 2, ["process"] = 1 });
        var byPriority = document.GetProperty("figures").GetProperty("byPriority").GetProperty("rows").EnumerateArray()
            .ToDictionary(r => r.GetProperty("key").GetString()!, r => r.GetProperty("values").GetProperty("volume").GetProperty("n").GetInt64());
        byPriority.Should().Equal(new Dictionary<string, long> { ["P1"] = 1, ["P2"] = 2, ["P3"] = 1 });

        // The desk changes afterwards (T4, still in progress, is raised to P1): the live figures move, the frozen ones do not.
        await Db().Set<ServiceFlow.Web.Features.Tickets.Ticket>().Where(t => t.Number == "RPT-4").ExecuteUpdateAsync(u => u.SetProperty(t => t.Priority, "P1"));
        Value(Row(await MeasuresAsync(admin, "from=2026-06-01&to=2026-07-01&measures=volume&groupBy=priority"), "P1", "volume")).Should().Be(2);
        (await GetAsync(admin, $"/api/reports/analyses/{june.Id}")).GetProperty("figures").GetProperty("byPriority").GetProperty("rows").EnumerateArray()
            .Single(r => r.GetProperty("key").GetString() == "P1").GetProperty("values").GetProperty("volume").GetProperty("n").GetInt64().Should().Be(1);
    }

    [Fact]
    public async Task ReviewLoop_SendBackReturnsToQuality_ApproveMakesAReadOnlyDocument()
    {
        var june = await JuneAsync();
        var instance = june.InstanceId!.Value;
        var quality = await People.CreateAsync(app, "qa-loop", "QualitySupervisor");
        var boss = await People.CreateAsync(app, "boss-loop", "Supervisor");

        // Quality may amend the text while it is theirs.
        (await quality.PatchAsJsonAsync($"/api/reports/analyses/{june.Id}", new { proposals = "draft" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Complete(quality, await OpenTaskAsync(instance, "analyse"), new { proposals = "no conclusions" })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Complete(quality, await OpenTaskAsync(instance, "analyse"), new { conclusions = "Technology causes lead.", proposals = "Runbook for timeouts." }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        var inReview = await quality.PatchAsJsonAsync($"/api/reports/analyses/{june.Id}", new { proposals = "sneaky" });
        inReview.StatusCode.Should().Be(HttpStatusCode.Conflict);

        // Management sends it back: a comment is required, and the quality task comes again.
        (await Complete(boss, await OpenTaskAsync(instance, "review"), new { decision = "return" })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Complete(boss, await OpenTaskAsync(instance, "review"), new { decision = "return", comment = "Say which service objects." }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        var back = await GetAsync(boss, $"/api/reports/analyses/{june.Id}");
        back.GetProperty("state").GetString().Should().Be("InAnalysis");
        back.GetProperty("returns")[0].GetProperty("comment").GetString().Should().Be("Say which service objects.");
        back.GetProperty("returns")[0].GetProperty("by").GetString().Should().Be("boss-loop");

        // The reworked task names its analysis (no empty ticket row), links the document, puts management's comment on
        // top and starts from the text written before.
        var rework = await quality.GetStringAsync($"/tasks/{await OpenTaskAsync(instance, "analyse")}");
        rework.Should().MatchRegex($"data-testid=\"task-subject\">\\s*<a href=\"/reports/analyses/{june.Id}\">2026-06</a>")
            .And.Contain($"href=\"/reports/analyses/{june.Id}\" data-testid=\"analysis-link\"").And.NotMatchRegex("<dd>\\s*</dd>");
        rework.Should().MatchRegex("data-testid=\"sent-back-reason\">Say which service objects.</blockquote>\\s*<p class=\"muted\">boss-loop · <time[^>]*>2026-07-01 01:00");
        var prefilled = ServiceFlow.Web.Tests.Forms.TaskPageData.Of(rework);
        prefilled.GetProperty("conclusions").GetString().Should().Be("Technology causes lead.");
        prefilled.GetProperty("proposals").GetString().Should().Be("Runbook for timeouts.");

        // an API client that leaves proposals out keeps the earlier ones (the page sends the prefilled text back)
        (await Complete(quality, await OpenTaskAsync(instance, "analyse"), new { conclusions = "Technology causes lead, at the payment gateway." }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        var reworked = await quality.GetFromJsonAsync<JsonElement>($"/api/reports/analyses/{june.Id}");
        reworked.GetProperty("proposals").GetString().Should().Be("Runbook for timeouts.");
        // Management's task shows what it reviews: the key figures frozen (June 4 recorded, May none) and quality's text.
        var review = await boss.GetStringAsync($"/tasks/{await OpenTaskAsync(instance, "review")}");
        review.Should().MatchRegex("<tr data-measure=\"volume\"><td>[^<]+</td><td class=\"num\">4</td>\\s*<td class=\"num\">0</td>")
            .And.Contain("data-testid=\"task-conclusions\">Technology causes lead, at the payment gateway.<")
            .And.Contain("data-testid=\"task-proposals\">Runbook for timeouts.<").And.NotContain("data-testid=\"sent-back\"")
            .And.MatchRegex("data-testid=\"earlier-returns\">\\s*<li><time[^>]*>2026-07-01 01:00 <small class=\"tz\">UTC\\+8</small></time> <b>boss-loop</b>: <span class=\"pre\">Say which service objects.</span>");
        (await Complete(boss, await OpenTaskAsync(instance, "review"), new { decision = "approve", actions = "Write the runbook | qa-loop | 2026/07/31" }))
            .StatusCode.Should().Be(HttpStatusCode.BadRequest, "a due date that is not yyyy-MM-dd is refused, not guessed");
        (await Complete(boss, await OpenTaskAsync(instance, "review"), new
        {
            decision = "approve",
            actions = "Write the timeout runbook | qa-loop | 2026-07-31\n\nTrain the front line on CRM | boss-loop | 2026-08-15",
            comment = "Agreed.",
        })).StatusCode.Should().Be(HttpStatusCode.OK);

        var approved = await GetAsync(boss, $"/api/reports/analyses/{june.Id}");
        approved.GetProperty("state").GetString().Should().Be("Approved");
        approved.GetProperty("conclusions").GetString().Should().Be("Technology causes lead, at the payment gateway.");
        approved.GetProperty("analysedBy").GetString().Should().Be("qa-loop");
        approved.GetProperty("reviewedBy").GetString().Should().Be("boss-loop");
        approved.GetProperty("actions").EnumerateArray().Select(a => (a.GetProperty("text").GetString(), a.GetProperty("owner").GetString(), a.GetProperty("due").GetString()))
            .Should().Equal(("Write the timeout runbook", "qa-loop", "2026-07-31"), ("Train the front line on CRM", "boss-loop", "2026-08-15"));
        (await Db().ProcessInstances.SingleAsync(i => i.Id == instance)).Status.Should().Be(ServiceFlow.Engine.Execution.InstanceStatus.Completed);

        var edit = await quality.PatchAsJsonAsync($"/api/reports/analyses/{june.Id}", new { conclusions = "rewritten" });
        edit.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await edit.Content.ReadAsStringAsync()).Should().Contain("read-only");
        (await GetAsync(boss, $"/api/reports/analyses/{june.Id}")).GetProperty("conclusions").GetString().Should().Be("Technology causes lead, at the payment gateway.");
    }

    [Fact]
    public async Task Analyses_AreReadByQualityManagementAuditorsAndAdmins_Only_AndTheWorkflowIsNotStartedThroughTheApi()
    {
        var june = await JuneAsync();
        foreach (var role in new[] { "QualitySupervisor", "Supervisor", "Auditor" })
        {
            var reader = await People.CreateAsync(app, $"read-{role.ToLowerInvariant()}", role);
            (await reader.GetAsync("/api/reports/analyses")).StatusCode.Should().Be(HttpStatusCode.OK, role);
            (await reader.GetAsync($"/api/reports/analyses/{june.Id}")).StatusCode.Should().Be(HttpStatusCode.OK, role);
        }
        foreach (var role in new[] { "FrontLine", "TechSupport", "ProcessOwner" })
        {
            var other = await People.CreateAsync(app, $"deny-{role.ToLowerInvariant()}", role);
            (await other.GetAsync("/api/reports/analyses")).StatusCode.Should().Be(HttpStatusCode.Forbidden, role);
            (await other.GetAsync($"/api/reports/analyses/{june.Id}")).StatusCode.Should().Be(HttpStatusCode.Forbidden, role);
        }
        var boss = await People.CreateAsync(app, "boss-no-edit", "Supervisor");
        (await boss.PatchAsJsonAsync($"/api/reports/analyses/{june.Id}", new { proposals = "x" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await app.CreateAdminApiClient().GetAsync($"/api/reports/analyses/{Guid.NewGuid()}")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        var start = await app.CreateAdminApiClient().PostAsJsonAsync("/api/instances", new { workflowKey = PeriodReviewInputs.WorkflowKey });
        ((int)start.StatusCode).Should().BeInRange(400, 499, "only its timers start the periodic review");
    }

    static Task<HttpResponseMessage> Complete(HttpClient who, Guid task, object variables) =>
        who.PostAsJsonAsync($"/api/tasks/{task}/complete", new { variables });
}
