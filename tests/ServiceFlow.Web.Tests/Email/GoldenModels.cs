namespace ServiceFlow.Web.Tests.Email;

// The fixed model each golden file is rendered from; docs/email.md lists the same fields.
// The ticket title carries characters that must be escaped in HTML and kept as-is in text.
internal static class GoldenModels
{
    private static readonly DateTimeOffset Due = new(2025, 3, 14, 16, 30, 0, TimeSpan.FromHours(8));

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
            link = "https://serviceflow.example.com/tasks/42",
        },
        "ticket-received" => new
        {
            recipient = Recipient,
            ticket = Ticket,
            sla = new { response_due = Due },
            link = "https://serviceflow.example.com/tickets/SR-2025-000123",
        },
        "ticket-resolved" => new
        {
            recipient = Recipient,
            ticket = Ticket,
            resolver = new { name = "李工 (Li Gong)" },
            resolution = "已重新签发客户端证书。\nReissued the client certificate; please restart the VPN client.",
            reopen_days = 7,
            link = "https://serviceflow.example.com/tickets/SR-2025-000123/confirm",
        },
        "survey-invitation" or "survey-reminder" => new
        {
            recipient = Recipient,
            ticket = Ticket,
            survey = new { link = "https://serviceflow.example.com/surveys/9f3c", expires = Due.AddDays(7) },
        },
        "sla-warning" => new
        {
            recipient = Recipient,
            ticket = Ticket,
            assignee = new { name = "李工 (Li Gong)" },
            sla = new { kind = "resolution", due = Due, remaining = new TimeSpan(1, 45, 0) },
            link = "https://serviceflow.example.com/tickets/SR-2025-000123",
        },
        "sla-breached" => new
        {
            recipient = Recipient,
            ticket = Ticket,
            assignee = new { name = "李工 (Li Gong)" },
            sla = new { kind = "response", due = Due, overdue = new TimeSpan(1, 2, 5, 0) },
            link = "https://serviceflow.example.com/tickets/SR-2025-000123",
        },
        "escalation" => new
        {
            recipient = Recipient,
            ticket = Ticket,
            escalation = new { level = "tier2", by = "张三 (Zhang San)", reason = "已检查客户端配置与网络连通性，问题仍存在。\nChecked client settings and connectivity; still failing." },
            sla = new { due = Due },
            link = "https://serviceflow.example.com/tickets/SR-2025-000123",
        },
        _ => throw new ArgumentOutOfRangeException(nameof(template), template, "Add a golden model for the new template."),
    };
}
