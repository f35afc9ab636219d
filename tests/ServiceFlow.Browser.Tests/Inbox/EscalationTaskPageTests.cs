using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ServiceFlow.Browser.Tests.Desk;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Tickets;
using ServiceFlow.Web.Runtime;
using static Microsoft.Playwright.Assertions;

namespace ServiceFlow.Browser.Tests.Inbox;

/// An SLA escalation task (no process, no form of its own) is completed on the task page with a comment, drawn by
/// the form-js viewer like every other task's form; the comment lands on the ticket's timeline.
public sealed class EscalationTaskPageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task ASupervisor_CompletesAnEscalationTask_WithAComment_InChinese()
    {
        var user = $"boss-{Guid.NewGuid():N}"[..13];
        await DeskSession.CreateUserAsync(app, user, "Supervisor");
        var number = await DeskApi.RecordAsync(app.CreateAdminApiClient(), "Payment gateway times out");
        var taskId = await EscalationTaskAsync(number);
        var page = await DeskSession.SignInAsync(app, user, "zh-CN");
        var scriptErrors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") scriptErrors.Add(message.Text); };
        page.PageError += (_, error) => scriptErrors.Add(error);

        await page.GotoAsync($"/tasks/{taskId}");
        var comment = page.GetByTestId("task-form").GetByLabel("备注");
        await Expect(comment).ToBeVisibleAsync();
        await comment.FillAsync("已电话联系处理人，今天 17:00 前解决");
        await DeskSession.ScreenshotAsync(page, "escalation-task-zh-CN");
        await page.GetByTestId("complete").ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        scriptErrors.Should().BeEmpty();
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
        (await db.UserTasks.SingleAsync(t => t.Id == taskId)).Status.Should().Be(UserTaskStatus.Completed);
        var ticketId = await db.Set<Ticket>().Where(t => t.Number == number).Select(t => t.Id).SingleAsync();
        (await db.Set<TicketEntry>().Where(e => e.TicketId == ticketId && e.Kind == TicketEntryKind.Step).Select(e => e.Text).ToListAsync())
            .Should().Contain("SLA breach handled: 已电话联系处理人，今天 17:00 前解决");
    }

    /// An open breach task of the ticket for the supervisors, as the SLA ladder raises it.
    async Task<Guid> EscalationTaskAsync(string number)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
        var task = new UserTask
        {
            Id = Guid.CreateVersion7(), Kind = UserTaskKind.Escalation, EngineTaskId = $"{Guid.NewGuid():N}:group:Supervisor", ActivityId = "breach",
            Name = $"SLA breach: resolution of {number}", WorkflowKey = "sla", BusinessKey = number, CandidateGroups = ["Supervisor"],
            FormKey = "sla-escalation", Priority = 2, Status = UserTaskStatus.Open, CreatedAt = DateTimeOffset.UtcNow,
        };
        db.UserTasks.Add(task);
        await db.SaveChangesAsync();
        return task.Id;
    }
}
