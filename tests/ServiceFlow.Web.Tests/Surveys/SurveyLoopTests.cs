using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Features.Surveys;
using ServiceFlow.Web.Tests.Infrastructure;
using ServiceFlow.Web.Tests.Infrastructure.Mail;
using ServiceFlow.Web.Tests.Runtime;

namespace ServiceFlow.Web.Tests.Surveys;

/// Resolve → invitation over real SMTP → the customer answers over HTTP → the survey instance completes.
[Collection(MailServersCollection.Name)]
public sealed class SurveyLoopTests(MailServersFixture mail) : IAsyncLifetime
{
    ServiceFlowApp app = null!;
    RuntimeClient api = null!;

    public async Task InitializeAsync() => (app, api) = await SurveyHost.StartAsync(mail, "survey");

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Survey_WebAnswer_IsRecordedOnce_AndCompletesTheInstance()
    {
        var number = SurveyHost.NewTicketNumber();
        var email = $"{number.ToLowerInvariant()}@customer.test";
        var instanceId = await SurveyHost.StartSurveyAsync(api, number, SurveyHost.Variables(number, email));

        var invitation = await SurveyHost.WaitForMailAsync(mail, email);
        invitation.Subject.Should().StartWith($"[{number}]");
        invitation.TextBody.Should().MatchRegex(@"open until \d{4}-\d{2}-\d{2} \d{2}:\d{2} \(UTC", "the expiry is formatted, not raw JSON");
        var path = SurveyHost.SurveyPath(invitation);
        var customer = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var form = await customer.GetAsync(path);
        var html = await form.Content.ReadAsStringAsync();
        form.StatusCode.Should().Be(HttpStatusCode.OK, html);
        SurveyHost.Outcome(html).Should().Be("Form");
        html.Should().Contain("How satisfied are you").And.Contain("VPN drops &lt;every hour&gt;");

        var answer = await customer.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["score"] = "4",
            ["Comment"] = "Fixed quickly, thanks",
            ["__RequestVerificationToken"] = SurveyHost.Antiforgery(html),
        }));
        var thanks = await answer.Content.ReadAsStringAsync();
        answer.StatusCode.Should().Be(HttpStatusCode.OK, thanks);
        SurveyHost.Outcome(thanks).Should().Be("Thanks");

        await api.WaitForStatusAsync(instanceId, "Completed", TimeSpan.FromSeconds(10));
        var survey = await SurveyHost.WithDbAsync(app, db => db.Surveys.SingleAsync(s => s.BusinessKey == number));
        (survey.Status, survey.Score, survey.Comment, survey.Channel).Should().Be((SurveyStatus.Answered, 4, "Fixed quickly, thanks", SurveyChannel.Web));
        (await api.TasksAsync(instanceId)).Should().BeEmpty("a score of 4 needs no follow-up");

        var again = await customer.GetAsync(path);
        var againHtml = await again.Content.ReadAsStringAsync();
        SurveyHost.Outcome(againHtml).Should().Be("AlreadyAnswered");
        againHtml.Should().Contain("already been answered");

        // A second tab that still shows the form cannot answer twice either.
        var second = await customer.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["score"] = "1",
            ["__RequestVerificationToken"] = SurveyHost.Antiforgery(html),
        }));
        second.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await SurveyHost.WithDbAsync(app, db => db.Surveys.SingleAsync(s => s.BusinessKey == number))).Score.Should().Be(4);

        var restart = await api.Http.PostAsJsonAsync("/api/surveys", new { businessKey = number, variables = SurveyHost.Variables(number, email) });
        restart.StatusCode.Should().Be(HttpStatusCode.Conflict, "one answer per ticket");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(-1)]
    public async Task Survey_TamperedOrGarbageToken_ShowsAFriendlyNotFoundPage(int flip)
    {
        var number = SurveyHost.NewTicketNumber();
        var email = $"{number.ToLowerInvariant()}@customer.test";
        await SurveyHost.StartSurveyAsync(api, number, SurveyHost.Variables(number, email, culture: "zh-CN"));
        var path = SurveyHost.SurveyPath(await SurveyHost.WaitForMailAsync(mail, email));
        var token = path["/survey/".Length..path.IndexOf('?', StringComparison.Ordinal)];
        var tampered = flip > 0
            ? token[..10] + (token[10] == 'A' ? 'B' : 'A') + token[11..]
            : "not-a-token";

        var response = await app.CreateClient().GetAsync($"/survey/{tampered}?culture=zh-CN");
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        SurveyHost.Outcome(html).Should().Be("Invalid");
        System.Net.WebUtility.HtmlDecode(html).Should().Contain("链接无效");
    }

    [Fact]
    public async Task Survey_OpenedByStaffWhoHandledTheTicket_IsRefused()
    {
        var number = SurveyHost.NewTicketNumber();
        var email = $"{number.ToLowerInvariant()}@customer.test";
        await SurveyHost.StartSurveyAsync(api, number, SurveyHost.Variables(number, email, handledBy: ["li.gong", "admin"]));
        var path = SurveyHost.SurveyPath(await SurveyHost.WaitForMailAsync(mail, email));
        var staff = await SurveyHost.SignInAsync(app, "admin", ServiceFlowApp.AdminPassword);

        var response = await staff.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        SurveyHost.Outcome(html).Should().Be("StaffRefused");
        // The customer (not signed in) still can.
        SurveyHost.Outcome(await (await app.CreateClient().GetAsync(path)).Content.ReadAsStringAsync()).Should().Be("Form");
    }

    [Fact]
    public async Task Survey_PostWithoutAntiforgeryToken_IsRejected()
    {
        var number = SurveyHost.NewTicketNumber();
        var email = $"{number.ToLowerInvariant()}@customer.test";
        await SurveyHost.StartSurveyAsync(api, number, SurveyHost.Variables(number, email));
        var path = SurveyHost.SurveyPath(await SurveyHost.WaitForMailAsync(mail, email));

        var response = await app.CreateClient().PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["score"] = "5" }));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await SurveyHost.WithDbAsync(app, db => db.Surveys.SingleAsync(s => s.BusinessKey == number))).Status.Should().Be(SurveyStatus.Invited);
    }
}
