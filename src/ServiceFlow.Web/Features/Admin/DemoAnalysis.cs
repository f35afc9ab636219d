using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Reports.Analyses;
using ServiceFlow.Web.Features.Reports.Facts;
using ServiceFlow.Web.Features.Tickets;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Admin;

/// `--seed-demo`'s approved periodic analysis, so /reports/analyses shows one from the first day: a month of finished
/// tickets is written as last month's history, then the shipped periodic-review workflow runs once from its monthly
/// start as its timer would — it freezes last month's figures —, quality writes conclusions and management approves
/// them with actions.
internal static class DemoAnalysis
{
    public static async Task SeedAsync(IServiceProvider services, IReadOnlyDictionary<string, ClaimsPrincipal> people,
        Func<Guid, string, ClaimsPrincipal, object, Task> complete)
    {
        var clock = services.GetRequiredService<TimeProvider>();
        var zone = services.GetRequiredService<Sla.SlaCalendars>().Get("default").TimeZone;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
            await WriteLastMonthAsync(db, new DateOnly(today.Year, today.Month, 1).AddMonths(-1), zone);
            // A refresh looks for tickets recorded since the last one: these were recorded last month.
            await scope.ServiceProvider.GetRequiredService<FactRefresher>().RefreshAsync(db, full: true, force: true, CancellationToken.None);
        }

        var runner = services.GetRequiredService<ProcessRunner>();
        var definitions = services.GetRequiredService<DefinitionStore>();
        var started = await runner.InTransactionAsync("system", async ctx =>
        {
            var definition = await definitions.LatestAsync(ctx.Db, PeriodReviewInputs.WorkflowKey)
                ?? throw new InvalidOperationException($"The shipped workflow '{PeriodReviewInputs.WorkflowKey}' is not published.");
            return await runner.StartAtInAsync(ctx, definition, "monthly", null, null);
        });
        if (started.OpenTaskIds.Count == 0)
            return; // last month was analysed already (its timer fired): nothing to add
        var due = today.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await complete(started.Instance.Id, "analyse", people["zhou.min"], new
        {
            conclusions = "工单量平稳；技术类原因占比最高（缓存、证书、配置），多为可预防问题。首次响应达标率良好，解决时限仍有超时。",
            proposals = "为高频原因编写运维手册；证书到期前 30 天自动提醒；P1/P2 工单每日复盘。",
        });
        await complete(started.Instance.Id, "review", people["zhao.lei"], new
        {
            decision = "approve",
            actions = $"编写缓存与证书运维手册 | chen.jie | {due}\n配置证书到期提醒 | liu.yang | {due}",
            comment = "同意分析结论，按期落实改进措施。",
        });
    }

    /// Last month's finished tickets, written as history: the desk records only in the present (and an archived record
    /// never changes), so they are inserted as they would have been archived, with their first-response and resolution
    /// clocks: every fifth closed at the first contact, the rest archived after 45 minutes to 11 hours.
    static async Task WriteLastMonthAsync(ServiceFlowDbContext db, DateOnly first, TimeZoneInfo zone)
    {
        var random = new Random(2026);
        for (var i = 0; i < 14; i++)
        {
            var local = first.AddDays(i * 2).ToDateTime(new TimeOnly(9 + i % 8, 10 * (i % 6)));
            var recorded = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
            var atOnce = i % 5 == 4;
            var resolved = atOnce ? recorded : recorded.AddMinutes(45 + random.Next(0, 600));
            var ticket = new Ticket
            {
                Id = Guid.CreateVersion7(),
                Number = await TicketService.NextNumberAsync(db, first.Year, CancellationToken.None),
                Title = DemoData.Titles[i % DemoData.Titles.Length],
                Description = "演示数据：上月已办结的工单。",
                DiscoveredAt = recorded.AddMinutes(-random.Next(5, 40)),
                RecordedAt = recorded,
                ServiceType = DemoData.ServiceTypes[i % 3],
                ServiceObject = DemoData.Objects[i % 4],
                Channel = (Channel)(i % 4),
                Priority = $"P{1 + i % 4}",
                Department = "客服中心",
                CustomerName = $"客户{i + 101}",
                CustomerType = DemoData.CustomerTypes[i % 4],
                Language = "zh-CN",
                Reporter = i % 2 == 0 ? "li.na" : "wang.fang",
                Handler = atOnce ? null : i % 2 == 0 ? "chen.jie" : "liu.yang",
                Group = "TechSupport",
                Status = atOnce ? TicketStatus.ClosedAtOnce : TicketStatus.Archived,
                FirstContactResolution = atOnce,
                Solved = true,
                Solution = atOnce ? "电话中当场解答" : "已修复并验证",
                ResolvedAt = resolved,
                ArchivedAt = resolved,
                CauseTechnology = atOnce ? null : DemoData.Causes[i % DemoData.Causes.Length],
                CauseProcess = !atOnce && i % 3 == 0 ? "缺少操作手册" : null,
            };
            db.Add(ticket);
            if (atOnce)
                continue;
            Clock(db, ticket, Sla.SlaClocks.FirstResponse, TimeSpan.FromMinutes(30), recorded.AddMinutes(10 + random.Next(0, 40)));
            Clock(db, ticket, Sla.SlaClocks.Resolution, TimeSpan.FromHours(8), resolved);
        }
        await db.SaveChangesAsync();
    }

    static void Clock(ServiceFlowDbContext db, Ticket ticket, string name, TimeSpan target, DateTimeOffset stopped)
    {
        var met = stopped - ticket.RecordedAt <= target;
        var clock = new Sla.SlaClock
        {
            Id = Guid.CreateVersion7(),
            BusinessKey = ticket.Number,
            Name = name,
            PolicyKey = ticket.Priority,
            PolicyVersion = 1,
            State = met ? Sla.ClockState.Met : Sla.ClockState.Breached,
            Overdue = !met,
            Target = target,
            WorkingTarget = target,
            DueAt = ticket.RecordedAt + target,
            StartedAt = ticket.RecordedAt,
            StoppedAt = stopped,
        };
        db.Add(clock);
        db.Add(new Sla.SlaClockSegment { ClockId = clock.Id, Running = true, From = ticket.RecordedAt, To = stopped, Reason = "start" });
    }
}
