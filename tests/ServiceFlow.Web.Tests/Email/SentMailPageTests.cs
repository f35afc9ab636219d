using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using ServiceFlow.Web.Email;
using ServiceFlow.Web.Tests.Infrastructure;
using ServiceFlow.Web.Tests.Infrastructure.Mail;
using ServiceFlow.Web.Tests.Surveys;

namespace ServiceFlow.Web.Tests.Email;

/// /admin/mail: administrators see the outbox and resend a failed mail with the same Message-Id.
[Collection(MailServersCollection.Name)]
public sealed class SentMailPageTests(MailServersFixture mail) : IAsyncLifetime
{
    ServiceFlowApp app = null!;

    public async Task InitializeAsync() => (app, _) = await SurveyHost.StartAsync(mail, "sentmail");

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task FailedMail_IsListed_AndResendDeliversItWithTheSameMessageId()
    {
        var id = Guid.CreateVersion7();
        var to = $"{id:N}@customer.test";
        await SurveyHost.WithDbAsync(app, async db =>
        {
            db.Outbox.Add(new OutboxMessage
            {
                Id = id,
                MessageId = $"{id:N}@serviceflow",
                Template = "ticket-received",
                Culture = "en",
                To = to,
                Model = """{"recipient":{"name":"Ann"},"ticket":{"number":"SE-2026-000001","title":"Printer","priority":"P3"},"sla":{"response_due":"2026-11-23 10:00"},"link":"http://localhost/t"}""",
                BusinessKey = "SE-2026-000001",
                Status = OutboxStatus.Failed,
                Attempts = 10,
                LastError = "550 mailbox full",
                CreatedAt = DateTimeOffset.UtcNow,
            });
            return await db.SaveChangesAsync();
        });
        var admin = await SurveyHost.SignInAsync(app, "admin", ServiceFlowApp.AdminPassword);

        var page = await admin.GetAsync("/admin/mail?status=Failed");
        var html = await page.Content.ReadAsStringAsync();
        page.StatusCode.Should().Be(HttpStatusCode.OK, html);
        html.Should().Contain(to).And.Contain("550 mailbox full").And.Contain("data-testid=\"resend\"");

        var resend = await admin.PostAsync($"/admin/mail?handler=Resend&id={id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = SurveyHost.Antiforgery(html),
        }));
        resend.StatusCode.Should().Be(HttpStatusCode.Redirect);

        await SurveyHost.EventuallyAsync(() => SurveyHost.WithDbAsync(app, db => db.Outbox.AnyAsync(m => m.Id == id && m.Status != OutboxStatus.Failed && m.Attempts > 0)), "the resent row is tried", 60);
        var row = await SurveyHost.WithDbAsync(app, db => db.Outbox.AsNoTracking().SingleAsync(m => m.Id == id));
        await SurveyHost.EventuallyAsync(async () => (row = await SurveyHost.WithDbAsync(app, db => db.Outbox.AsNoTracking().SingleAsync(m => m.Id == id))).Status == OutboxStatus.Sent,
            $"the row is sent (last error: {row.LastError})", 60);
        var received = await SurveyHost.WaitForMailAsync(mail, to);
        received.MessageId.Should().Be($"{id:N}@serviceflow");
    }

    [Fact]
    public async Task SentMailPage_IsForAdministratorsOnly()
    {
        var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await anonymous.GetAsync("/admin/mail");
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Contain("/account/login");
    }
}
