using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Features.Surveys;
using ServiceFlow.Web.Runtime;
using ServiceFlow.Web.Tests.Infrastructure;
using ServiceFlow.Web.Tests.Runtime;
using ServiceFlow.Web.Tests.Surveys;
using ServiceFlow.Web.Tests.Tickets;

namespace ServiceFlow.Web.Tests.Security;

/// Anonymous, then one real user per role, in the order the matrix lists them.
public enum Who { Anonymous, FrontLine, Supervisor, TechSupport, ProcessOwner, QualitySupervisor, Auditor, Admin }

/// The host of the role matrix: a user per role (bearer client for the API, signed-in cookie client for
/// pages) and the records the rows address. A ticket recorded by the supervisor, routed to TechSupport,
/// is what the front line and process owners may not see (404 as hidden).
public sealed class MatrixDesk : ServiceFlowApp
{
    readonly Dictionary<Who, HttpClient> api = [];
    readonly Dictionary<Who, HttpClient> pages = [];
    public string Suffix { get; } = Guid.NewGuid().ToString("N")[..6];
    public HttpClient Admin { get; private set; } = null!;
    public string Ticket { get; private set; } = "";
    public Guid TicketInstance { get; private set; }
    public Guid ReviewTask { get; private set; }
    public Guid Attachment { get; private set; }
    public string ClosedTicket { get; private set; } = "";
    public Guid Article { get; private set; }
    public string SurveyToken { get; private set; } = "";
    public string StartKey => $"mx-start-{Suffix}";
    /// The workflow the designer rows draft, publish and republish (so the start rows keep their starters).
    public string DesignKey => $"mx-design-{Suffix}";
    public string PingMessage => $"mx-ping-{Suffix}";
    string BrokenKey => $"mx-broken-{Suffix}";

    public string Name(Who who) => $"mx-{who.ToString().ToLowerInvariant()}-{Suffix}";
    public HttpClient Api(Who who) => api[who];
    public HttpClient Pages(Who who) => pages[who];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Admin = CreateAdminApiClient();
        api[Who.Anonymous] = CreateClient(new() { AllowAutoRedirect = false });
        pages[Who.Anonymous] = CreateClient(new() { AllowAutoRedirect = false });
        foreach (var who in Enum.GetValues<Who>().Skip(1))
        {
            api[who] = await People.CreateAsync(this, Name(who), who.ToString());
            pages[who] = await SurveyHost.SignInAsync(this, Name(who), People.Password);
        }
        var runtime = new RuntimeClient(Admin);
        await runtime.PublishAsync(Models.Approval(StartKey).Replace($"<process id=\"{StartKey}\"", $"<process id=\"{StartKey}\" sf:candidateStarterGroups=\"FrontLine, TechSupport\"", StringComparison.Ordinal));
        await runtime.PublishAsync(Models.Wrap($"mx-message-{Suffix}", """
            <startEvent id="start"><messageEventDefinition messageRef="m" /></startEvent>
            <userTask id="triage" name="Triage" sf:candidateGroups="Supervisor" />
            <endEvent id="end" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="triage" />
            <sequenceFlow id="f2" sourceRef="triage" targetRef="end" />
            """, $"""<message id="m" name="{PingMessage}" sf:candidateSenderGroups="TechSupport" />"""));
        await runtime.PublishAsync(Models.BadExpression(BrokenKey));
        await runtime.PublishAsync(Models.Approval(DesignKey));

        Ticket = await RecordAsync(api[Who.Supervisor], resolvedAtOnce: false);
        var record = (await Admin.GetFromJsonAsync<JsonElement>($"/api/tickets/{Ticket}")).GetProperty("record");
        TicketInstance = record.GetProperty("instanceId").GetGuid();
        ReviewTask = (await runtime.TasksAsync(TicketInstance)).Single().GetProperty("id").GetGuid();
        Attachment = await AttachmentAsync();
        ClosedTicket = await RecordAsync(api[Who.FrontLine], resolvedAtOnce: true);
        Article = (await Read(await Admin.PostAsync($"/api/tickets/{ClosedTicket}/knowledge-draft", null))).GetProperty("id").GetGuid();
        SurveyToken = await SurveyTokenAsync();
        RequestFile = await RequestFileAsync();
    }

    /// The screenshot of an account-unlock request the front line made: its instance and file.
    public (Guid Instance, Guid File) RequestFile { get; private set; }

    async Task<(Guid, Guid)> RequestFileAsync()
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent("""{ "account": "mx.user", "system": "vpn" }"""), "variables" },
            { new ByteArrayContent("screenshot"u8.ToArray()), "screenshot", "screen.png" },
        };
        var instance = (await Read(await api[Who.FrontLine].PostAsync("/api/requests/catalog/account-unlock", form))).GetProperty("instanceId").GetGuid();
        var file = (await Read(await Admin.GetAsync($"/api/instances/{instance}"))).GetProperty("variables").GetProperty("screenshot").GetProperty("id").GetGuid();
        return (instance, file);
    }

    /// A task of its own for a row that changes it (claim, complete…): offered to Supervisors.
    public async Task<Guid> FreshTaskAsync() => (await new RuntimeClient(Admin).TasksAsync(await FreshInstanceAsync())).Single().GetProperty("id").GetGuid();

    public Task<Guid> FreshInstanceAsync() => new RuntimeClient(Admin).StartAsync(StartKey);

    /// An SLA escalation task of the ticket, offered to Supervisors, as SlaEscalations raises one: no instance.
    public async Task<Guid> FreshEscalationTaskAsync()
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
        var task = new UserTask
        {
            Id = Guid.CreateVersion7(),
            Kind = UserTaskKind.Escalation,
            EngineTaskId = $"{Guid.NewGuid():N}:group:Supervisor",
            ActivityId = "breach",
            Name = $"SLA breach: resolution of {Ticket}",
            WorkflowKey = "sla",
            BusinessKey = Ticket,
            CandidateGroups = ["Supervisor"],
            FormKey = "sla-escalation",
            Priority = 2,
            Status = UserTaskStatus.Open,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        db.UserTasks.Add(task);
        await db.SaveChangesAsync();
        return task.Id;
    }

    /// An incident of an instance without a business record or tasks (started by the administrator).
    public async Task<Guid> FreshIncidentAsync()
    {
        var instance = await new RuntimeClient(Admin).StartAsync(BrokenKey);
        return (await Admin.GetFromJsonAsync<JsonElement[]>($"/api/incidents?instanceId={instance}"))!.Single().GetProperty("id").GetGuid();
    }

    public async Task<Guid> AttachmentAsync()
    {
        var upload = new MultipartFormDataContent { { new ByteArrayContent("screenshot"u8.ToArray()), "file", "screen.txt" } };
        return (await Read(await Admin.PostAsync($"/api/tickets/{Ticket}/attachments", upload))).GetProperty("id").GetGuid();
    }

    /// The draft version of the design workflow, saving a draft first when there is none.
    /// The shipped form "analysis" (a comment box) as the form the matrix reads and drafts.
    public const string FormKey = "analysis";

    public static StringContent FormJson() => new("""{ "components": [ { "type": "textarea", "key": "comment", "label": "Comment" } ] }""", Encoding.UTF8, "application/json");

    /// The current draft version of the matrix's form (0 when it has no draft): each PUT/DELETE row needs its own.
    public async Task<uint> FormDraftVersionAsync()
    {
        var form = await Read(await Admin.GetAsync($"/api/forms/{FormKey}"));
        return form.GetProperty("draftVersion").GetUInt32();
    }

    public async Task<uint> DraftVersionAsync()
    {
        var draft = await Read(await Admin.GetAsync($"/api/workflows/{DesignKey}/draft"));
        if (!draft.GetProperty("fromPublished").GetBoolean())
            return draft.GetProperty("draftVersion").GetUInt32();
        var saved = await Admin.PutAsync($"/api/workflows/{DesignKey}/draft?baseVersion=0", Xml(draft.GetProperty("xml").GetString()!));
        return (await Read(saved)).GetProperty("draftVersion").GetUInt32();
    }

    public string DecisionKey => $"mx-table-{Suffix}";
    public string DecisionXml => Decisions.DecisionsApiTests.Standalone(DecisionKey, "\"x\"");

    /// The draft version of the matrix's own decision table, saving a draft first when there is none.
    public async Task<uint> DecisionDraftVersionAsync()
    {
        var response = await Admin.GetAsync($"/api/decisions/{DecisionKey}/draft");
        if (response.IsSuccessStatusCode && await Read(response) is var draft && !draft.GetProperty("fromPublished").GetBoolean())
            return draft.GetProperty("draftVersion").GetUInt32();
        var saved = await Admin.PutAsync($"/api/decisions/{DecisionKey}/draft?baseVersion=0", Xml(DecisionXml));
        return (await Read(saved)).GetProperty("draftVersion").GetUInt32();
    }

    /// A bearer token of a new user in `who`'s role.
    public async Task<string> NewUserTokenAsync(Who who)
    {
        var name = $"mx-new-{who.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}"[..40];
        (await Admin.PostAsJsonAsync("/api/admin/users", new { userName = name, password = People.Password, roles = new[] { who.ToString() } })).EnsureSuccessStatusCode();
        return (await TokensAsync(name)).GetProperty("accessToken").GetString()!;
    }

    /// What POST /api/auth/token answers for `userName` (access and refresh token).
    public async Task<JsonElement> TokensAsync(string userName) =>
        await Read(await CreateClient().PostAsJsonAsync("/api/auth/token", new { userName, password = People.Password }));

    public async Task<uint> ArticleVersionAsync() => (await Admin.GetFromJsonAsync<JsonElement>($"/api/knowledge/{Article}")).GetProperty("rowVersion").GetUInt32();

    /// The antiforgery token of a page the user may open (for the rows that post a page form).
    public async Task<string> FormTokenAsync(Who who) =>
        SurveyHost.Antiforgery(await pages[who].GetStringAsync(who == Who.Anonymous ? "/account/login" : "/account/password"));

    public static StringContent Xml(string xml) => new(xml, Encoding.UTF8, "application/xml");

    public static async Task<string> RecordAsync(HttpClient who, bool resolvedAtOnce) =>
        (await Read(await who.PostAsJsonAsync("/api/tickets", TicketBody("matrix", resolvedAtOnce)))).GetProperty("number").GetString()!;

    public static object TicketBody(string title, bool resolvedAtOnce = false) => new
    {
        title,
        description = "VPN drops every hour",
        serviceType = "system-operations",
        serviceObject = "VPN",
        discoveredAt = DateTimeOffset.UtcNow.AddMinutes(-3),
        channel = "Phone",
        priority = "P3",
        resolvedAtOnce,
        solution = resolvedAtOnce ? "Answered on the phone" : null,
    };

    /// A survey link as the customer's mail carries it (the survey row and its signed token, made directly).
    async Task<string> SurveyTokenAsync()
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceFlowDbContext>();
        var survey = new Survey
        {
            Id = Guid.CreateVersion7(),
            BusinessKey = ClosedTicket,
            InstanceId = Guid.CreateVersion7(),
            Recipient = "customer@example.com",
            Nonce = SurveyTokens.NewNonce(),
            Status = SurveyStatus.Invited,
            CreatedAt = DateTimeOffset.UtcNow,
            ExpiresAt = DateTimeOffset.UtcNow.AddDays(14),
        };
        db.Surveys.Add(survey);
        await db.SaveChangesAsync();
        return Services.GetRequiredService<SurveyTokens>().Create(survey.Id, survey.Nonce, survey.ExpiresAt);
    }

    static async Task<JsonElement> Read(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().BeOneOf([HttpStatusCode.OK, HttpStatusCode.Created], body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
