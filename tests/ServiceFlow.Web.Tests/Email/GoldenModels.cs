namespace ServiceFlow.Web.Tests.Email;

// The fixed model each golden file is rendered from; docs/email.md lists the same fields.
// The ticket title carries characters that must be escaped in HTML and kept as-is in text.
// As in the outbox: times in UTC (mail shows them in the desk's zone), durations as ISO 8601 business time,
// links as paths (mail makes them absolute with ServiceFlow:PublicUrl).
internal static class GoldenModels
{
    public static readonly Uri PublicUrl = new("https://serviceflow.example.com/");

    public static readonly ServiceFlow.Web.Email.MailContext Context = new(TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"), PublicUrl);

    /// Templates whose mail goes to customers: they never link to a staff page.
    public static readonly string[] CustomerTemplates = ["ticket-received", "ticket-resolved", "survey-invitation", "survey-reminder"];

    private static readonly DateTimeOffset Due = new(2025, 3, 14, 8, 30, 0, TimeSpan.Zero);

    private static readonly object Ticket = new
    {
        number = "SR-2025-000123",
        title = "VPN 无法连接 & 提示 \"证书错误\" <urgent>",
        priority = "P2",
    };

    private static readonly object Recipient = new { name = "王小明 (Wang Xiaoming)" };

    public static object For(string template) => template switch
    {
        "task-assigned" => new
        {
            recipient = Recipient,
            ticket = Ticket,
            task = new { name = "二线诊断 / Tier-2 diagnosis", due = (DateTimeOffset?)Due },
            link = "/tasks/42",
        },
        "ticket-received" => new
        {
            recipient = Recipient,
            ticket = Ticket,
            sla = new { response_due = Due },
        },
        "ticket-resolved" => new
        {
            recipient = Recipient,
            ticket = Ticket,
            resolver = new { name = "李工 (Li Gong)" },
            resolution = "已重新签发客户端证书。\nReissued the client certificate; please restart the VPN client.",
            reopen_days = 7,
        },
        "survey-invitation" or "survey-reminder" => new
        {
            recipient = Recipient,
            ticket = Ticket,
            survey = new { link = "/survey/9f3c?culture=en", expires = Due.AddDays(7) },
        },
        "sla-warning" => new
        {
            recipient = Recipient,
            ticket = Ticket,
            assignee = new { name = "李工 (Li Gong)" },
            sla = new { kind = "resolution", due = Due, remaining = "PT1H45M" },
            link = "/tickets/SR-2025-000123",
        },
        "sla-breached" => new
        {
            recipient = Recipient,
            ticket = Ticket,
            assignee = new { name = "李工 (Li Gong)" },
            sla = new { kind = "response", due = Due, overdue = "P1DT2H5M" },
            link = "/tickets/SR-2025-000123",
        },
        "escalation" => new
        {
            recipient = Recipient,
            ticket = Ticket,
            escalation = new { level = "tier2", by = "张三 (Zhang San)", reason = "已检查客户端配置与网络连通性，问题仍存在。\nChecked client settings and connectivity; still failing." },
            sla = new { due = Due },
            link = "/tickets/SR-2025-000123",
        },
        "scheduled-report" => new
        {
            recipient = Recipient,
            report = new { name = "月度质量报告 <Quality & SLA>", title = "Quality", period = "2025-02", from = "2025-02-01", last = "2025-02-28", zone = "Asia/Shanghai", file = "quality-2025-02.xlsx" },
            figures = new[]
            {
                new { label = "SLA compliance: resolution", value = "33.3 %", previous = "50.0 %", target = ">= 95 %", met = "missed" },
                new { label = "Satisfaction (1–5)", value = "4.60", previous = "—", target = ">= 4.5", met = "met" },
                new { label = "Reopen rate", value = "—", previous = "0.0 %", target = "", met = "" },
            },
            link = "/reports?view=quality&month=2025-02",
        },
        _ => throw new ArgumentOutOfRangeException(nameof(template), template, "Add a golden model for the new template."),
    };
}
