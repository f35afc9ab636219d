using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using ServiceFlow.Web.Email;
using ServiceFlow.Web.Tests.Infrastructure;
using ServiceFlow.Web.Tests.Infrastructure.Mail;
using ServiceFlow.Web.Tests.Runtime;
using ServiceFlow.Web.Tests.Surveys;

namespace ServiceFlow.Web.Tests.Email;

/// The IMAP intake against the real dovecot: new mail, replies by ticket number, robots.
[Collection(MailServersCollection.Name)]
public sealed class MailIntakeTests(MailServersFixture mail) : IAsyncLifetime
{
    ServiceFlowApp app = null!;
    RuntimeClient api = null!;

    public async Task InitializeAsync() => (app, api) = await SurveyHost.StartAsync(mail, "intake");

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task NewMail_BecomesATicketWithChannelEmail_ThroughTheShippedIntakeWorkflow()
    {
        var intake = app.Services.GetRequiredService<MailIntake>();
        var message = Mail("cannot log in to ERP", "Error 401 since this morning.");
        var screenshot = new byte[] { 0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4 };
        var body = new BodyBuilder { TextBody = "Error 401 since this morning." };
        body.Attachments.Add("error.png", screenshot, new ContentType("image", "png"));
        message.Body = body.ToMessageBody();
        await mail.Imap.AppendAsync(message);

        await intake.PollAsync();

        var row = await RowAsync(message);
        row.Status.Should().Be(InboundMailStatus.Started);
        var instance = await api.InstanceAsync(row.InstanceId!.Value);
        instance.GetProperty("workflowKey").GetString().Should().Be("email-intake");
        instance.GetProperty("status").GetString().Should().Be("Completed");
        var number = instance.GetProperty("variables").GetProperty("ticketNumber").GetString();
        var record = (await api.Http.GetFromJsonAsync<JsonElement>($"/api/tickets/{number}")).GetProperty("record");
        record.GetProperty("channel").GetString().Should().Be("Email");
        record.GetProperty("title").GetString().Should().Be("cannot log in to ERP");
        record.GetProperty("description").GetString().Should().Contain("Error 401");
        record.GetProperty("customerEmail").GetString().Should().Be(message.From.Mailboxes.Single().Address);
        record.GetProperty("status").GetString().Should().Be("InReview");
        // The customer's screenshot is the ticket's attachment, byte for byte.
        var attachment = (await api.Http.GetFromJsonAsync<JsonElement>($"/api/tickets/{number}")).GetProperty("attachments").EnumerateArray().Single();
        attachment.GetProperty("fileName").GetString().Should().Be("error.png");
        (await api.Http.GetByteArrayAsync($"/api/tickets/{number}/attachments/{attachment.GetProperty("id").GetGuid()}")).Should().Equal(screenshot);
    }

    [Fact]
    public async Task NewMail_IsStoredUnassigned_WhenTheIntakeWorkflowIsNotPublished()
    {
        var (other, _) = await SurveyHost.StartAsync(mail, "intake-off", ("Imap:IntakeWorkflowKey", "not-published"));
        await using var _ = other;
        var message = Mail("printer on floor 3 is jammed", "Please help, it jams every morning.");
        await mail.Imap.AppendAsync(message);

        await other.Services.GetRequiredService<MailIntake>().PollAsync();

        var row = await SurveyHost.WithDbAsync(other, db => db.InboundMails.AsNoTracking().SingleAsync(m => m.MessageId == message.MessageId));
        row.Status.Should().Be(InboundMailStatus.Unassigned);
        row.InstanceId.Should().BeNull();
    }

    [Fact]
    public async Task ReplyWithTicketNumberInSubject_IsCorrelatedAsCustomerReply_AndBouncesAreIgnored()
    {
        var key = Models.Unique("wait");
        await api.PublishAsync(Models.WaitForMessage(key));
        var number = SurveyHost.NewTicketNumber();
        var waiting = await api.StartAsync(key, new { ticket = number }, businessKey: number);
        var reply = Mail($"Re: [{number}] VPN", "It works again, thanks.");
        var bounce = Mail($"Undelivered Mail Returned to Sender [{number}]", "550 no such user");
        bounce.From.Clear();
        bounce.From.Add(new MailboxAddress("Mail Delivery System", "MAILER-DAEMON@customer.test"));
        await mail.Imap.AppendAsync(bounce);
        await mail.Imap.AppendAsync(reply);

        await app.Services.GetRequiredService<MailIntake>().PollAsync();

        var row = await RowAsync(reply);
        (row.Status, row.BusinessKey, row.InstanceId).Should().Be((InboundMailStatus.Linked, number, waiting));
        (await api.StatusAsync(waiting)).Should().Be("Completed");
        var variables = (await api.InstanceAsync(waiting)).GetProperty("variables");
        variables.GetProperty("text").GetString().Should().Contain("It works again");
        (await RowAsync(bounce)).Status.Should().Be(InboundMailStatus.Ignored);
    }

    Task<InboundMailRecord> RowAsync(MimeMessage message) =>
        SurveyHost.WithDbAsync(app, db => db.InboundMails.AsNoTracking().SingleAsync(m => m.MessageId == message.MessageId));

    static MimeMessage Mail(string subject, string text)
    {
        var message = new MimeMessage
        {
            MessageId = $"{Guid.NewGuid():N}@customer.test",
            Subject = subject,
            Body = new TextPart("plain") { Text = text },
        };
        message.From.Add(new MailboxAddress("Customer", $"{Guid.NewGuid():N}"[..8] + "@customer.test"));
        message.To.Add(new MailboxAddress("Service desk", "desk@serviceflow.test"));
        return message;
    }
}
