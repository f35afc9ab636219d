using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MimeKit;
using static Microsoft.Playwright.Assertions;

namespace ServiceFlow.Browser.Tests.Desk;

/// Issue #17's "done when", in the browser, once per language: front line records → the supervisor sends it back
/// with a reason → the reporter corrects it → accepted → arranged with a picked handler → handled, escalated to
/// tier 2, solved → confirmed → archived → the customer gets the result by mail and answers the survey from its
/// link with a low score → the supervisor's follow-up shows the score and comment. Times in the desk's zone,
/// every mail link opens.
public sealed partial class JourneyTests(JourneyApp app) : IClassFixture<JourneyApp>
{
    public static TheoryData<string> Locales => ["en-US", "zh-CN"];

    [Theory]
    [MemberData(nameof(Locales))]
    public async Task RecordReviewReturnCorrectArrangeHandleEscalateConfirmArchive_ThenMailAndSurvey(string locale)
    {
        var zh = locale == "zh-CN";
        var t = new Texts(zh);
        var s = Guid.NewGuid().ToString("N")[..6];
        var (frontName, bossName, techName) = ($"front-{s}", $"boss-{s}", $"tech-{s}");
        await DeskSession.CreateUserAsync(app, frontName, "FrontLine");
        await DeskSession.CreateUserAsync(app, bossName, "Supervisor");
        await DeskSession.CreateUserAsync(app, techName, "TechSupport");
        await PublishSurveyWithoutDelayAsync();
        var customer = $"customer-{s}@example.com";
        var (front, boss, tech) = (await DeskSession.SignInAsync(app, frontName, locale), await DeskSession.SignInAsync(app, bossName, locale),
            await DeskSession.SignInAsync(app, techName, locale));

        // Record, with the desk's zone named beside the discovery time.
        await front.GotoAsync("/tickets/new");
        await Expect(front.GetByTestId("time-zone")).ToContainTextAsync("UTC+8");
        await front.Locator("[name='Input.Title']").FillAsync($"{t.Title} {s}");
        await front.Locator("[name='Input.Description']").FillAsync(t.Description);
        await front.Locator("[name='Input.ServiceObject']").FillAsync("payment gateway");
        await front.Locator("[name='Input.Priority']").SelectOptionAsync("P2");
        await front.Locator("[name='Input.CustomerName']").FillAsync("Wang Xiaoming");
        await front.Locator("[name='Input.CustomerEmail']").FillAsync(customer);
        await DeskSession.ScreenshotAsync(front, $"journey-new-{locale}");
        await front.GetByTestId("create-ticket").ClickAsync();
        await Expect(front.GetByTestId("ticket-status")).ToHaveAttributeAsync("data-status", "InReview");
        await Expect(front.GetByTestId("discovered-at")).ToContainTextAsync("UTC+8");
        var number = (await front.GetByTestId("ticket-number").TextContentAsync())!;

        // Review: sent back with a reason; the reporter's correction shows it.
        await OpenTaskAsync(boss, number, t.Review, "groups");
        await (await FormJs.ControlAsync(boss, "decision-1")).CheckAsync();
        await FormJs.FillAsync(boss, "comment", t.Reason);
        await CompleteAsync(boss);
        await OpenTaskAsync(front, number, t.Correct, "mine");
        await Expect(front.GetByTestId("sent-back-reason")).ToHaveTextAsync(t.Reason);
        await DeskSession.ScreenshotAsync(front, $"journey-correct-{locale}");
        await FormJs.FillAsync(front, "comment", t.Correction);
        await CompleteAsync(front);

        // Accepted, then arranged with a handler picked from the list.
        await OpenTaskAsync(boss, number, t.Review, "groups");
        await CompleteAsync(boss);
        await OpenTaskAsync(boss, number, t.Arrange, "groups");
        await FormJs.ChooseAsync(boss, "handler", techName);
        await FormJs.FillAsync(boss, "plan", t.Plan);
        await CompleteAsync(boss);

        // Handling: tier 1 escalates to tier 2 on the ticket page, then (as tier 2) solves it.
        await tech.GotoAsync($"/tickets/{number}");
        await tech.GetByTestId("escalate-form").Locator("[name=reason]").FillAsync(t.EscalationReason);
        await tech.GetByTestId("escalate-form").Locator("button[type=submit]").ClickAsync();
        await Expect(tech.GetByTestId("ticket-tier")).ToHaveAttributeAsync("data-tier", "Tier2");
        await Expect(tech.GetByTestId("ticket-tier")).ToHaveTextAsync(t.Tier2);
        await OpenTaskAsync(tech, number, t.Handle, "groups");
        await tech.GetByTestId("claim").ClickAsync();
        await FormJs.FillAsync(tech, "solution", t.Solution);
        await CompleteAsync(tech);

        // Confirmation shows the solution; confirmed → archived.
        await OpenTaskAsync(boss, number, t.Confirm, "groups");
        await Expect(boss.GetByTestId("context-solution")).ToHaveTextAsync(t.Solution);
        await FormJs.FillAsync(boss, "comment", t.Confirmation);
        await CompleteAsync(boss);
        await boss.GotoAsync($"/tickets/{number}");
        await Expect(boss.GetByTestId("ticket-status")).ToHaveAttributeAsync("data-status", "Archived");
        await Expect(boss.GetByTestId("ticket-status")).ToHaveTextAsync(t.Archived);
        foreach (var said in new[] { t.Reason, t.Correction, t.Confirmation, t.EscalationReason })
            await Expect(boss.GetByTestId("timeline")).ToContainTextAsync(said);
        await DeskSession.ScreenshotAsync(boss, $"journey-ticket-{locale}");

        // The customer is told in their language, then invited to the survey; its link opens the survey.
        var resolved = await MailAsync(customer, m => (m.Subject ?? "").Contains(t.ResolvedSubject, StringComparison.Ordinal));
        resolved.Subject.Should().Contain(number);
        (resolved.TextBody ?? "").Should().Contain(t.Solution);
        var invitation = await MailAsync(customer, m => (m.TextBody ?? "").Contains("/survey/", StringComparison.Ordinal));
        invitation.TextBody!.Should().MatchRegex(@"\d{4}-\d{2}-\d{2} \d{2}:\d{2} \(UTC\+8\)", "the survey's closing time is in the desk's zone");
        // The customer, who is not signed in, opens every link the mail holds.
        var survey = await app.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = locale });
        var answer = await survey.NewPageAsync();
        foreach (Match link in Link().Matches(invitation.TextBody!))
            (await answer.APIRequest.GetAsync(link.Value)).Status.Should().Be(200, $"{link.Value} in the mail should open");
        await answer.GotoAsync(SurveyLink().Match(invitation.TextBody!).Value);
        await Expect(answer.Locator("h1")).ToHaveTextAsync(t.SurveyQuestion);
        await answer.Locator("#comment").FillAsync(t.Feedback);
        await answer.GetByTestId("score-2").ClickAsync();
        await Expect(answer.GetByTestId("survey")).ToHaveAttributeAsync("data-outcome", "Thanks");
        await survey.CloseAsync();

        // The supervisor's follow-up shows what the customer said, and its comment lands on the ticket.
        var until = DateTime.UtcNow.AddSeconds(30);
        do
            await boss.GotoAsync("/inbox?tab=mine");
        while (await boss.GetByRole(AriaRole.Link, new() { Name = t.FollowUp }).CountAsync() == 0 && DateTime.UtcNow < until);
        await boss.GetByRole(AriaRole.Row).Filter(new() { HasText = number }).GetByRole(AriaRole.Link, new() { Name = t.FollowUp }).ClickAsync();
        await Expect(boss.GetByTestId("context-score")).ToContainTextAsync(t.Score);
        await Expect(boss.GetByTestId("context-feedback")).ToHaveTextAsync(t.Feedback);
        await DeskSession.ScreenshotAsync(boss, $"journey-follow-up-{locale}");
        await FormJs.FillAsync(boss, "comment", t.FollowUpNote);
        await CompleteAsync(boss);
        await boss.GotoAsync($"/tickets/{number}");
        await Expect(boss.GetByTestId("timeline")).ToContainTextAsync(t.FollowUpNote);
    }

    /// The shipped callback survey waits one business hour before inviting; the journey cannot, so it runs a copy
    /// that waits one second (as the survey tests do). Business-time timers are tested with a fake clock.
    async Task PublishSurveyWithoutDelayAsync()
    {
        var xml = await File.ReadAllTextAsync(Path.Combine(RepoRoot(), "workflows", "callback-survey.bpmn"));
        xml = xml.Replace("<timeDuration>PT1H</timeDuration>", "<timeDuration>PT1S</timeDuration>", StringComparison.Ordinal)
            .Replace(" sf:calendar=\"default\" sf:name-zh-CN=\"等待一个工作小时\"", "", StringComparison.Ordinal);
        var response = await app.CreateAdminApiClient().PostAsync("/api/workflows", new StringContent(xml, System.Text.Encoding.UTF8, "application/xml"));
        response.IsSuccessStatusCode.Should().BeTrue(await response.Content.ReadAsStringAsync());
    }

    static string RepoRoot([System.Runtime.CompilerServices.CallerFilePath] string file = "")
    {
        for (var dir = Path.GetDirectoryName(file); dir is not null; dir = Path.GetDirectoryName(dir))
            if (File.Exists(Path.Combine(dir, "ServiceFlow.sln")))
                return dir;
        throw new InvalidOperationException($"No ServiceFlow.sln above {file}.");
    }

    async Task<MimeMessage> MailAsync(string to, Func<MimeMessage, bool> which)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (app.Smtp.ReceivedMessages().FirstOrDefault(m => m.To.Mailboxes.Any(b => b.Address == to) && which(m)) is { } hit)
                return hit;
            if (DateTime.UtcNow > until)
                throw new TimeoutException($"No such mail to {to} arrived.");
            await Task.Delay(250);
        }
    }

    static async Task OpenTaskAsync(IPage page, string number, string taskName, string tab)
    {
        await page.GotoAsync($"/inbox?tab={tab}");
        await page.GetByRole(AriaRole.Row).Filter(new() { HasText = number }).GetByRole(AriaRole.Link, new() { Name = taskName }).ClickAsync();
        await Expect(page.GetByTestId("task-name")).ToHaveTextAsync(taskName);
    }

    static async Task CompleteAsync(IPage page)
    {
        await page.GetByTestId("complete").ClickAsync();
        await Expect(page).ToHaveURLAsync(InboxUrl());
    }

    /// What each language shows and what its people type.
    sealed record Texts(bool Zh)
    {
        public string Title => Zh ? "支付页面超时" : "Payment page times out";
        public string Description => Zh ? "客户付款时 30 秒后超时。" : "Customers see a timeout after 30 s when paying.";
        public string Review => Zh ? "审核与补充" : "Review and supplement";
        public string Correct => Zh ? "修改记录" : "Correct the record";
        public string Arrange => Zh ? "安排处理" : "Arrange handling";
        public string Handle => Zh ? "处理异常" : "Handle the exception";
        public string Confirm => Zh ? "确认处理结果" : "Confirm the result";
        public string FollowUp => Zh ? "跟进不满意的客户" : "Follow up a dissatisfied customer";
        public string Reason => Zh ? "请补充受影响的客户数量" : "Say how many customers are affected";
        public string Correction => Zh ? "约 40 位客户，已补充" : "About 40 customers; added";
        public string Plan => Zh ? "调大网关超时；负责人：技术支持；今天完成" : "Raise the gateway timeout; owner: tech; today";
        public string EscalationReason => Zh ? "需要数据库权限" : "Needs database access";
        public string Solution => Zh ? "网关超时调整为 60 秒" : "Raised the gateway timeout to 60 s";
        public string Confirmation => Zh ? "已电话向客户确认" : "Confirmed with the customer by phone";
        public string Tier2 => Zh ? "二线" : "Tier 2";
        public string Archived => Zh ? "已归档" : "Archived";
        public string ResolvedSubject => Zh ? "您的服务请求已解决" : "Your request has been resolved";
        public string SurveyQuestion => Zh ? "您对本次服务满意吗？" : "How satisfied are you with our service?";
        public string Feedback => Zh ? "等了很久才有人回电话" : "Nobody called back for a long time";
        public string Score => Zh ? "2 分（满分 5 分）" : "2 of 5";
        public string FollowUpNote => Zh ? "已回电道歉，并改进回访流程" : "Called back and apologised; callback process improved";
    }

    [GeneratedRegex("/inbox")]
    private static partial Regex InboxUrl();

    [GeneratedRegex(@"https?://[^\s""<>)]+")]
    private static partial Regex Link();

    [GeneratedRegex(@"https?://[^\s""<>)]+/survey/[^\s""<>)]+")]
    private static partial Regex SurveyLink();
}
