using ServiceFlow.Web;
using ServiceFlow.Web.Data;
using ServiceFlow.Web.Email;
using ServiceFlow.Web.Features;
using ServiceFlow.Web.Features.Account;
using ServiceFlow.Web.Features.Admin;
using ServiceFlow.Web.Features.Decisions;
using ServiceFlow.Web.Features.Designer;
using ServiceFlow.Web.Features.Forms;
using ServiceFlow.Web.Features.Health;
using ServiceFlow.Web.Features.Inbox;
using ServiceFlow.Web.Features.Instances;
using ServiceFlow.Web.Features.Knowledge;
using ServiceFlow.Web.Features.Reports;
using ServiceFlow.Web.Features.Requests;
using ServiceFlow.Web.Features.Sla;
using ServiceFlow.Web.Features.Surveys;
using ServiceFlow.Web.Features.Tickets;
using ServiceFlow.Web.Jobs;
using ServiceFlow.Web.Localization;
using ServiceFlow.Web.Runtime;

if (await CommandLine.TryRunVerbAsync(args))
    return;

// --seed-demo: people for every role and a few dozen tickets in every state (once).
var seedDemo = args.Contains("--seed-demo");
var builder = WebApplication.CreateBuilder(args.Where(a => a != "--seed-demo").ToArray());
await using var database = builder.AddServiceFlowData();
builder.AddServiceFlowKeys();
builder.AddServiceFlowAuth();
builder.AddJobs();
builder.Services.AddServiceFlowLocalization();
builder.Services.AddServiceFlowHealth();
builder.Services.AddServiceFlowWeb();
builder.Services.AddProcessRuntime(builder.Configuration);
builder.Services.AddInstances();
builder.Services.AddTasks();
builder.Services.AddRequests();
builder.Services.AddForms();
builder.Services.AddEmail(builder.Configuration).AddEmailOutbox();
builder.Services.AddDecisions();
builder.Services.AddTickets();
builder.Services.AddSurveys();
builder.Services.AddSla();
builder.Services.AddReports();

var app = builder.Build();
await app.MigrateDatabaseAsync();
if (seedDemo)
    DemoData.SeedInBackground(app);

app.UseServiceFlowPipeline();
app.MapHealthEndpoints();
app.MapOpenApi().AllowAnonymous();
app.MapCultureSwitch();
// Every API endpoint checks its input first: required fields, text lengths, no NUL (Features/RequestRules).
var api = app.MapGroup("").WithRequestRules();
api.MapAuthApi();
api.MapWorkflowsApi();
api.MapDecisionsApi();
api.MapInstancesApi();
api.MapTasksApi();
api.MapRequestsApi();
api.MapFormsApi();
api.MapTaskCandidatesApi();
api.MapTicketsApi();
api.MapKnowledgeApi();
api.MapSlaApi();
api.MapUsersApi();
api.MapSurveysApi();
api.MapReports();
app.MapJobsDashboard();
app.MapRazorPages();

await app.RunAsync();

/// The entry point; public so tests can host it with WebApplicationFactory.
public partial class Program;
