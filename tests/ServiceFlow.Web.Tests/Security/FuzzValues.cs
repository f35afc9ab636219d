using System.Text.Json.Nodes;

namespace ServiceFlow.Web.Tests.Security;

/// The hostile values the fuzzer tries, and a valid request per body schema to start each mutation from
/// (a mutation of a valid request gets past the first check and into the code behind it).
internal static class FuzzValues
{
    public static readonly string Megabyte = new('x', 1024 * 1024);

    /// Stands for an unpaired surrogate, which System.Text.Json will not write: swapped for the escape in the JSON text.
    public const string LoneSurrogate = "__lone_surrogate__";

    /// Texts that broke or could break something: NUL, lone surrogates, overflowing ISO durations, dates out of range, injection.
    public static readonly string[] Texts =
    [
        "", " ", "\0", "a\0b", LoneSurrogate, "null", "-1", "P2000000W", "PT99999999999H", "9999-99-99", "0001-01-01T00:00:00Z",
        "<script>alert(1)</script>", "'; DROP TABLE serviceflow.tickets; --", "%s%s%n", "../../etc/passwd", "测试🙂\u202e", new string('a', 5000),
    ];

    public static readonly JsonNode?[] Numbers =
        [JsonValue.Create(-1), JsonValue.Create(0), JsonValue.Create(int.MaxValue), JsonValue.Create(int.MinValue), JsonValue.Create(long.MaxValue),
         JsonValue.Create(1e308), JsonValue.Create(-2147483649L), JsonValue.Create(0.5)];

    /// Query values per schema type; every integer value is tried (paging is where overflows live).
    public static string[] Query(string type) => type switch
    {
        "integer" or "number" => ["-1", "0", "2147483647", "-2147483648", "99999999999999999999", "abc", "1e400"],
        "boolean" => ["maybe", "2"],
        _ => ["%00", "a%00b", new string('q', 10_000), "%ED%A0%80", "P2000000W", "%27%3B--", "%F0%9F%99%82"],
    };

    /// No NUL here: the server refuses a path with one before routing (Kestrel: 400; the in-memory test server throws).
    public static readonly string[] PathTexts = [new string('p', 4000), "-1", "2147483648", "..%2F..", "%E6%B5%8B", "%ED%A0%80", "%20", "%2e%2e"];

    /// Whole JSON bodies that are wrong in shape: none of them may reach a handler as a 5xx.
    public static readonly string?[] Bodies = [null, "null", "{}", "[]", "\"x\"", "123", "{\"a\":", "{\"a\":1}}", new string('[', 200) + new string(']', 200)];

    public static readonly string[] Documents =
    [
        "", "\0", "<", "not xml at all", "<?xml version=\"1.0\"?><definitions/>", "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"><process id=\"a\0b\"/></definitions>",
        "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:99991301\nEND:VEVENT\nEND:VCALENDAR", "<a>" + Megabyte + "</a>",
    ];

    /// A valid body per request schema (by its name in the document), built for the targets.
    public static JsonObject? Valid(string schema, FuzzTargets t, int n) => schema switch
    {
        "TokenRequest" => new() { ["userName"] = "fuzz-nobody", ["password"] = "Wrong-Passw0rd-1" },
        "StartRequest" => new() { ["workflowKey"] = t.WorkflowKey, ["variables"] = new JsonObject { ["amount"] = 1 } },
        "MessageRequest" => new() { ["name"] = "fuzz-ping", ["correlationKey"] = "k", ["variables"] = new JsonObject() },
        "CompleteRequest" => new() { ["variables"] = new JsonObject { ["approved"] = true } },
        "AssignRequest" => new() { ["userName"] = "admin" },
        "CancelRequest" => new() { ["reason"] = "fuzz" },
        "MigrateRequest" => new() { ["toVersion"] = 1 },
        "CreateTicketRequest" => new()
        {
            ["title"] = "Fuzz",
            ["description"] = "Fuzzed",
            ["serviceType"] = "system-operations",
            ["serviceObject"] = "CRM",
            ["discoveredAt"] = DateTimeOffset.UtcNow.AddMinutes(-5).ToString("O"),
            ["channel"] = "Phone",
            ["priority"] = "P3",
            ["affectedCustomers"] = 3,
        },
        "StepRequest" => new() { ["action"] = "Restarted", ["tool"] = "ssh" },
        "CommunicationRequest" => new() { ["channel"] = "phone", ["counterpart"] = "customer", ["outcome"] = "told them" },
        "StatusRequest" => new() { ["status"] = "WaitingForCustomer", ["reason"] = "asked for logs" },
        "ActionRequest" => new() { ["description"] = "Add a check", ["owner"] = "admin", ["deadline"] = DateTimeOffset.UtcNow.AddDays(1).ToString("O") },
        "AnalysisRequest" => new() { ["people"] = "p", ["process"] = "q", ["lessons"] = "l" },
        "EscalateRequest" => new() { ["to"] = "Tier2", ["reason"] = "beyond tier 1" },
        "KnowledgeUpdate" => new() { ["title"] = "T", ["body"] = "B", ["status"] = "Draft", ["rowVersion"] = t.ArticleVersion },
        "CreateUserRequest" => new() { ["userName"] = $"fuzz-user-{n}", ["password"] = "Fuzz-Passw0rd-1", ["roles"] = new JsonArray("FrontLine") },
        "PreviewRequest" => new() { ["calendar"] = "default", ["start"] = DateTimeOffset.UtcNow.ToString("O"), ["duration"] = "PT4H" },
        "CalendarDto" => new() { ["name"] = "fuzz", ["timeZone"] = "Asia/Shanghai", ["weeklyHours"] = new JsonArray("Monday 08:00-17:00"), ["holidays"] = new JsonArray("2026-10-01") },
        "SavePolicyRequest" => new()
        {
            ["priority"] = "P4",
            ["firstResponse"] = "PT1H",
            ["resolution"] = "PT8H",
            ["calendar"] = "default",
            ["warningPercents"] = new JsonArray(80),
            ["escalations"] = new JsonArray(),
            ["pauseStates"] = new JsonArray(),
        },
        "ClockChangeRequest" => new() { ["reason"] = "r", ["clock"] = "resolution" },
        "ReplanRequest" => new() { ["reason"] = "r", ["priority"] = "P2" },
        "StartSurveyRequest" => new() { ["businessKey"] = $"FUZZ-{n}", ["variables"] = new JsonObject { ["customerEmail"] = "c@example.com" } },
        _ => null,
    };
}
