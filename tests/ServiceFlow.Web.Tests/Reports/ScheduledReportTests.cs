using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Email;
using ServiceFlow.Web.Features.Reports.Scheduled;
using ServiceFlow.Web.Tests.Infrastructure;
using ServiceFlow.Web.Tests.Infrastructure.Mail;
using ServiceFlow.Web.Tests.Tickets;
using static ServiceFlow.Web.Tests.Reports.ScheduledMail;

namespace ServiceFlow.Web.Tests.Reports;

/// Scheduled report mail against the real PostgreSQL and SMTP server: HandMadeDesk's June, mailed to two quality
/// supervisors (one reads Chinese, one English); exactly once across two nodes, retries and a dead SMTP server.
[Collection(MailServersCollection.Name)]
public sealed class ScheduledReportTests(MailServersFixture mail) : IAsyncLifetime
{
    static readonly DateOnly June = new(2026, 6, 1);
    readonly string key = $"sched{Guid.NewGuid():N}"[..14];
    ServiceFlowApp node = null!;
    ServiceFlowApp? second;

    public async Task InitializeAsync()
    {
        node = Node(await TestDatabase.CreateDatabaseAsync("sched"), mail.Smtp);
        await HandMadeDesk.SeedAsync(node.Services);
        await UserAsync(node, "qs-zh", "QualitySupervisor", $"{key}-zh@desk.test", "zh-CN");
        await UserAsync(node, "qs-en", "QualitySupervisor", $"{key}-en@desk.test", "en");
        await UserAsync(node, "front", "FrontLine", $"{key}-front@desk.test", "en"); // not a recipient: the role reads no reports
        (await node.CreateAdminApiClient().PutAsJsonAsync("/api/reports/targets/sla.resolution", new { comparison = ">=", value = 0.95 })).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        if (!mail.Smtp.IsRunning)
            await mail.Smtp.StartAsync();
        if (second is not null)
            await second.DisposeAsync();
        await node.DisposeAsync();
    }

    async Task<Guid> MonthlyQualityAsync() =>
        await SubscribeAsync(await People.CreateAsync(node, "quality-lead", "QualitySupervisor"),
            new { name = "月度质量报告", report = "quality", period = "monthly", roles = new[] { "QualitySupervisor" } });

    [Fact]
    public async Task MonthlyQualityReport_ReachesEachReader_InTheirLanguage_WithTheFiguresTheXlsxAndAnAbsoluteLink()
    {
        var id = await MonthlyQualityAsync();

        (await node.Services.GetRequiredService<ScheduledReportJob>().SendAsync(id, June, default)).Should().BeTrue();

        var mails = await WaitForAsync(mail.Smtp, node, key, 2);
        mails.Select(m => m.To.Mailboxes.Single().Address).Should().BeEquivalentTo([$"{key}-zh@desk.test", $"{key}-en@desk.test"]);
        var zh = mails.Single(m => m.To.Mailboxes.Single().Address.EndsWith("-zh@desk.test", StringComparison.Ordinal));
        var en = mails.Single(m => m.To.Mailboxes.Single().Address.EndsWith("-en@desk.test", StringComparison.Ordinal));
        zh.Subject.Should().Be("月度质量报告（2026-06）");
        zh.HtmlBody.Should().Contain("SLA 达成率：解决").And.Contain("33.3 %").And.Contain("&gt;= 95 %").And.Contain("未达成");
        en.Subject.Should().Be("月度质量报告 — 2026-06");
        en.HtmlBody.Should().Contain("SLA compliance: resolution").And.Contain("33.3 %").And.Contain("missed");
        foreach (var m in mails)
            m.TextBody.Should().Contain("https://desk.example.test/reports?view=quality&month=2026-06");

        var (name, xlsx) = Workbook(en);
        name.Should().Be("quality-2026-06.xlsx");
        MiniExcel.GetSheetNames(xlsx).Should().Equal("Summary", "Report");
        var summary = Sheet(xlsx, "Summary").Single(r => (string)r["Measure"] == "SLA compliance: resolution");
        (summary["Value"], summary["Tickets"].ToString(), summary["Target"], summary["Met"]).Should().Be(("33.3 %", "3", ">= 95 %", "missed"));
        // The Report sheet is the measures export of the same period and figures, as the API gives it.
        var api = node.CreateAdminApiClient();
        api.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var exported = await api.GetByteArrayAsync($"/api/reports/measures.xlsx?from=2026-06-01&to=2026-07-01&measures={string.Join(",", Quality)}");
        JsonSerializer.Serialize(Sheet(xlsx, "Report")).Should().Be(JsonSerializer.Serialize(Sheet(new MemoryStream(exported), "Report")));
        MiniExcel.GetSheetNames(Workbook(zh).Xlsx).Should().Equal("汇总", "报表");
    }

    static readonly string[] Quality =
        ["sla.response", "sla.resolution", "sla.update", "satisfaction", "satisfaction.responseRate", "satisfaction.low", "complaintRate", "reopenRate", "firstContactRate", "lateRecordingRate", "recordAccuracy"];

    [Fact]
    public async Task TwoNodesAndRetries_RunningAtOnce_SendOneMailPerRecipient()
    {
        var other = second = Node(node.ConnectionString, mail.Smtp);
        var id = await MonthlyQualityAsync();
        var jobs = new[] { node, other, node, other }.Select(n => n.Services.GetRequiredService<ScheduledReportJob>()).ToList();

        var sent = await Task.WhenAll(jobs.Select(j => Task.Run(() => j.SendAsync(id, June, default))));
        var again = await jobs[1].SendAsync(id, June, default);

        (sent.Count(s => s), again).Should().Be((1, false));
        await WaitForAsync(mail.Smtp, node, key, 2);
        // Then through Hangfire on both nodes at once: "send now" runs the recurring job for the last complete month.
        var lead = await People.CreateAsync(node, "second-lead", "QualitySupervisor");
        var runs = await Task.WhenAll(new[] { node, other }.Select(n => n.CreateClient()).Select(async c =>
        {
            c.DefaultRequestHeaders.Authorization = lead.DefaultRequestHeaders.Authorization;
            return await c.PostAsync($"/api/reports/subscriptions/{id}/run", null);
        }));
        runs.Select(r => (int)r.StatusCode).Should().AllBeEquivalentTo(202);
        await WaitForAsync(mail.Smtp, node, key, 4);
        await Task.Delay(TimeSpan.FromSeconds(4)); // a double would have arrived by now

        var all = ReceivedBy(mail.Smtp, key);
        all.Should().HaveCount(4);
        all.Select(m => m.MessageId).Should().OnlyHaveUniqueItems();
        var lastMonth = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).AddMonths(-1).ToString("yyyy-MM");
        all.Count(m => m.Subject!.Contains(lastMonth, StringComparison.Ordinal)).Should().Be(2);
        await using var scope = node.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
        (await db.Set<ReportDelivery>().CountAsync(d => d.SubscriptionId == id)).Should().Be(2);
        (await db.Outbox.CountAsync(m => m.Template == ScheduledReportJob.Template && m.To.StartsWith(key))).Should().Be(4);
    }

    [Fact]
    public async Task DeadSmtpServer_DelaysTheMail_AndLosesOrDoublesNothing()
    {
        var id = await MonthlyQualityAsync();
        await mail.Smtp.StopAsync();

        (await node.Services.GetRequiredService<ScheduledReportJob>().SendAsync(id, June, default)).Should().BeTrue();
        await using (var scope = node.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
            var until = DateTime.UtcNow.AddSeconds(30);
            while (await db.Outbox.CountAsync(m => m.To.StartsWith(key) && m.Attempts >= 2 && m.LastError != null) < 2 && DateTime.UtcNow < until)
                await Task.Delay(200);
            (await db.Outbox.Where(m => m.To.StartsWith(key)).Select(m => m.Status).ToListAsync()).Should().Equal(OutboxStatus.Pending, OutboxStatus.Pending);
        }
        await mail.Smtp.StartAsync();

        await WaitForAsync(mail.Smtp, node, key, 2);
        await Task.Delay(TimeSpan.FromSeconds(3));
        var all = ReceivedBy(mail.Smtp, key);
        all.Should().HaveCount(2);
        all.Should().AllSatisfy(m => Workbook(m).Name.Should().Be("quality-2026-06.xlsx"));
    }
}
