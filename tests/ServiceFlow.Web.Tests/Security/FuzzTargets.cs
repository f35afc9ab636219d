using System.Net.Http.Json;
using System.Text.Json;
using ServiceFlow.Web.Tests.Runtime;

namespace ServiceFlow.Web.Tests.Security;

/// Real records for the fuzzer's path parameters, so a malformed body reaches the code behind the lookup
/// (a random id would stop at "not found"): a workflow with a task and a public message, an instance (not
/// the task's: the fuzz cancels it), a ticket being handled with an attachment, a knowledge article, an
/// incident, a calendar and a policy.
internal sealed record FuzzTargets(string WorkflowKey, Guid InstanceId, Guid TaskId, string TicketNumber, Guid AttachmentId,
    Guid ArticleId, uint ArticleVersion, Guid IncidentId, string Calendar, string PolicyKey)
{
    public static async Task<FuzzTargets> CreateAsync(HttpClient admin)
    {
        var runtime = new RuntimeClient(admin);
        var key = Models.Unique("fuzz");
        await runtime.PublishAsync(Models.Wrap(key, """
            <startEvent id="start" />
            <userTask id="approve" name="Approve" sf:candidateGroups="Supervisor" />
            <endEvent id="end" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="approve" />
            <sequenceFlow id="f2" sourceRef="approve" targetRef="end" />
            """, """<message id="m" name="fuzz-ping" sf:candidateSenderGroups="Supervisor" />"""));
        var instance = await runtime.StartAsync(key);
        var task = (await runtime.TasksAsync(await runtime.StartAsync(key))).Single().GetProperty("id").GetGuid();

        var number = await TicketAsync(admin, resolvedAtOnce: false);
        await CompleteAsync(admin, number, "review", new { decision = "accept" });
        await CompleteAsync(admin, number, "arrange", new { handler = "admin", plan = "restart the service" });
        var upload = new MultipartFormDataContent { { new ByteArrayContent("log line"u8.ToArray()), "file", "log.txt" } };
        var attachment = await ReadAsync(await admin.PostAsync($"/api/tickets/{number}/attachments", upload));
        var closed = await TicketAsync(admin, resolvedAtOnce: true);
        var article = await ReadAsync(await admin.PostAsync($"/api/tickets/{closed}/knowledge-draft", null));

        var broken = Models.Unique("fuzz-incident");
        await runtime.PublishAsync(Models.BadExpression(broken));
        var failed = await runtime.StartAsync(broken);
        var incident = (await admin.GetFromJsonAsync<JsonElement[]>($"/api/incidents?instanceId={failed}"))!.Single();

        var policy = (await admin.GetFromJsonAsync<JsonElement[]>("/api/sla/policies"))!.First().GetProperty("key").GetString()!;
        return new FuzzTargets(key, instance, task, number, attachment.GetProperty("id").GetGuid(), article.GetProperty("id").GetGuid(),
            article.GetProperty("rowVersion").GetUInt32(), incident.GetProperty("id").GetGuid(), "default", policy);
    }

    /// The value for a path parameter of `route`, e.g. {id} of /api/tasks/{id} is the task.
    public string PathValue(string route, string parameter) => parameter switch
    {
        "number" => TicketNumber,
        "key" when route.StartsWith("/api/sla/", StringComparison.Ordinal) => PolicyKey,
        "key" => WorkflowKey,
        "version" => "1",
        "name" => Calendar,
        "id" when route.Contains("/attachments/", StringComparison.Ordinal) => AttachmentId.ToString(),
        "id" when route.StartsWith("/api/instances", StringComparison.Ordinal) => InstanceId.ToString(),
        "id" when route.StartsWith("/api/tasks", StringComparison.Ordinal) => TaskId.ToString(),
        "id" when route.StartsWith("/api/incidents", StringComparison.Ordinal) => IncidentId.ToString(),
        "id" when route.StartsWith("/api/knowledge", StringComparison.Ordinal) => ArticleId.ToString(),
        "documentName" => "v1",
        _ => "x",
    };

    static async Task CompleteAsync(HttpClient admin, string number, string activity, object variables)
    {
        var instance = (await admin.GetFromJsonAsync<JsonElement>($"/api/tickets/{number}")).GetProperty("record").GetProperty("instanceId").GetGuid();
        var task = (await admin.GetFromJsonAsync<JsonElement[]>($"/api/tasks?instanceId={instance}"))!.Single(t => t.GetProperty("activityId").GetString() == activity);
        await ReadAsync(await admin.PostAsJsonAsync($"/api/tasks/{task.GetProperty("id").GetGuid()}/complete", new { variables }));
    }

    static async Task<string> TicketAsync(HttpClient admin, bool resolvedAtOnce)
    {
        var created = await ReadAsync(await admin.PostAsJsonAsync("/api/tickets", new
        {
            title = "Fuzz target",
            description = "A ticket for the fuzzer",
            serviceType = "system-operations",
            serviceObject = "CRM",
            discoveredAt = DateTimeOffset.UtcNow.AddMinutes(-5),
            channel = "Phone",
            priority = "P3",
            customerEmail = "customer@example.com",
            resolvedAtOnce,
            solution = resolvedAtOnce ? "Answered at once" : null,
        }));
        return created.GetProperty("number").GetString()!;
    }

    static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue(body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
