using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Tickets;
using ServiceFlow.Web.Runtime;

namespace ServiceFlow.Web.Features.Admin;

/// `--seed-demo`: people for every role and a few dozen tickets in every state, driven through the
/// real workflow, so a new user sees a living desk, and last month's periodic analysis approved (DemoAnalysis).
/// Runs once (skipped when the demo users exist).
internal static class DemoData
{
    public const string Password = "Demo-Passw0rd-1";

    static readonly (string User, string Name, string Role)[] People =
    [
        ("li.na", "李娜", Roles.FrontLine), ("wang.fang", "王芳", Roles.FrontLine),
        ("zhao.lei", "赵磊", Roles.Supervisor), ("chen.jie", "陈杰", Roles.TechSupport), ("liu.yang", "刘洋", Roles.TechSupport),
        ("sun.li", "孙丽", Roles.ProcessOwner), ("zhou.min", "周敏", Roles.QualitySupervisor), ("wu.hao", "吴昊", Roles.Auditor),
    ];

    internal static readonly string[] Titles =
    [
        "CRM 登录报错 500", "支付页面超时", "报表导出为空", "VPN 无法连接", "邮件延迟送达", "打印机队列卡住", "订单状态不同步",
        "客户无法重置密码", "移动端闪退", "发票金额错误", "数据库备份失败", "网站证书即将过期",
    ];

    internal static readonly string[] ServiceTypes = ["system-operations", "after-sales", "consultation"];
    internal static readonly string[] Objects = ["CRM", "支付网关", "门户网站", "邮件系统"];
    internal static readonly string[] Causes = ["缓存已满", "证书过期", "配置错误", "依赖服务超时"];
    internal static readonly string[] CustomerTypes = ["enterprise", "individual", "government", "internal"];

    /// Seeds in the background once the host has started; a failure is logged, never silent.
    public static void SeedInBackground(WebApplication app) =>
        app.Lifetime.ApplicationStarted.Register(() => _ = Task.Run(async () =>
        {
            try
            {
                await SeedAsync(app.Services);
            }
            catch (Exception ex)
            {
                app.Logger.LogError(ex, "Seeding demo data failed");
            }
        }));

    public static async Task SeedAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByNameAsync(People[0].User) is not null)
            return;
        var principals = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>();
        var byName = new Dictionary<string, ClaimsPrincipal>();
        foreach (var (userName, name, role) in People)
        {
            var user = new AppUser { UserName = userName, DisplayName = name, Culture = "zh-CN", Email = $"{userName}@example.com", EmailConfirmed = true };
            await users.CreateAsync(user, Password);
            await users.AddToRoleAsync(user, role);
            byName[userName] = await principals.CreateAsync(user);
        }
        var tickets = services.GetRequiredService<TicketService>();
        var runner = services.GetRequiredService<ProcessRunner>();
        var random = new Random(2026);
        for (var i = 0; i < 36; i++)
        {
            var reporter = byName[i % 2 == 0 ? "li.na" : "wang.fang"];
            var request = new CreateTicketRequest(Titles[i % Titles.Length], "演示数据：客户来电反映问题，详见沟通记录。",
                ServiceTypes[i % 3], Objects[i % 4],
                services.GetRequiredService<TimeProvider>().GetUtcNow().AddMinutes(-random.Next(5, 600)), (Channel)(i % 4), $"P{1 + (i % 4)}",
                "总部", "客服中心", "上海", "部分客户受影响", null, random.Next(1, 200), null, null,
                "客户" + (i + 1), i % 3 == 0 ? $"customer{i + 1}@example.com" : null, "zh-CN",
                ResolvedAtOnce: i % 9 == 8, Solution: i % 9 == 8 ? "电话中当场解答" : null, CustomerType: CustomerTypes[i % 4]);
            var ticket = await tickets.CreateAsync(request, reporter, CancellationToken.None);
            if (ticket.InstanceId is not { } instance)
                continue;
            var stage = i % 5; // 0: in review, 1: arranging, 2: in progress, 3: awaiting confirmation, 4: archived
            if (i == 10) // one record sent back to its reporter, with the reason on its correction task
                await CompleteAsync(services, runner, instance, "review", byName["zhao.lei"], new { decision = "return", groupAnalysis = false, comment = "请补充影响范围和受影响客户的数量。" });
            if (stage >= 1) await CompleteAsync(services, runner, instance, "review", byName["zhao.lei"], new { decision = "accept", groupAnalysis = false, severity = "major", comment = "记录完整，安排处理。" });
            var handler = i % 2 == 0 ? "chen.jie" : "liu.yang";
            if (stage >= 2) await CompleteAsync(services, runner, instance, "arrange", byName["zhao.lei"], new { handler, plan = "恢复服务；定位根因；今日内完成" });
            if (stage >= 3) await CompleteAsync(services, runner, instance, "execute", byName[handler], new { solved = true, solution = "已修复并验证", recovery = "业务已恢复" });
            // A cause analysis on the solved ones, so the reports' Pareto of causes has something to show.
            if (stage >= 3) await tickets.ChangeAsync(ticket.Number, byName[handler], (_, t) => (t.CauseTechnology, t.CauseProcess) = (Causes[i % Causes.Length], i % 3 == 0 ? "缺少操作手册" : null), CancellationToken.None);
            if (stage >= 4) await CompleteAsync(services, runner, instance, "confirm", byName["zhao.lei"], new { confirmed = true });
        }
        await DemoAnalysis.SeedAsync(services, byName, (instance, activity, user, variables) => CompleteAsync(services, runner, instance, activity, user, variables));
        Console.WriteLine($"ServiceFlow: demo data created; users {string.Join(", ", People.Select(p => $"{p.User} ({p.Role})"))}, password {Password}");
    }

    static async Task CompleteAsync(IServiceProvider services, ProcessRunner runner, Guid instanceId, string activity, ClaimsPrincipal user, object variables)
    {
        Guid taskId;
        await using (var scope = services.CreateAsyncScope())
            taskId = await scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>().UserTasks
                .Where(t => t.InstanceId == instanceId && t.ActivityId == activity && t.Status == UserTaskStatus.Open).Select(t => t.Id).SingleAsync();
        var vars = JsonSerializer.SerializeToElement(variables).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
        await runner.CompleteTaskAsync(taskId, vars, user, services.GetRequiredService<Inbox.TaskForms>().Apply);
    }
}
