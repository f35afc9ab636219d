using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using ServiceFlow.Web.Email;
using ServiceFlow.Web.Features.Surveys;
using ServiceFlow.Web.Tests.Infrastructure;
using ServiceFlow.Web.Tests.Infrastructure.Mail;
using ServiceFlow.Web.Tests.Runtime;

namespace ServiceFlow.Web.Tests.Surveys;

/// The customer answers by replying "2" to the invitation; the reply lands in the real dovecot INBOX.
[Collection(MailServersCollection.Name)]
public sealed class SurveyEmailReplyTests(MailServersFixture mail) : IAsyncLifetime
{
    ServiceFlowApp app = null!;
    RuntimeClient api = null!;

    public async Task InitializeAsync() => (app, api) = await SurveyHost.StartAsync(mail, "surveymail");

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task EmailReplyWithLowScore_RecordsIt_OpensSupervisorFollowUp_AndPollingAgainAddsNothing()
    {
        var number = SurveyHost.NewTicketNumber();
        var email = $"{number.ToLowerInvariant()}@customer.test";
        var instanceId = await SurveyHost.StartSurveyAsync(api, number, SurveyHost.Variables(number, email));
        var invitation = await SurveyHost.WaitForMailAsync(mail, email);
        var outOfOffice = Reply(invitation, email, "1 I am out of the office until Monday.");
        outOfOffice.Headers.Add(HeaderId.AutoSubmitted, "auto-replied");
        var answer = Reply(invitation, email, "2 - it took three calls.\r\n\r\nOn Monday the desk wrote:\r\n> How did we do?");
        await mail.Imap.AppendAsync(outOfOffice);
        await mail.Imap.AppendAsync(answer);

        var intake = app.Services.GetRequiredService<MailIntake>();
        await intake.PollAsync();

        var survey = await SurveyHost.WithDbAsync(app, db => db.Surveys.SingleAsync(s => s.BusinessKey == number));
        (survey.Status, survey.Score, survey.Comment, survey.Channel).Should().Be((SurveyStatus.Answered, 2, "it took three calls.", SurveyChannel.Email));
        var tasks = await api.TasksAsync(instanceId);
        tasks.Should().ContainSingle();
        tasks[0].GetProperty("activityId").GetString().Should().Be("followUp");
        tasks[0].GetProperty("assignee").GetString().Should().Be("zhang.supervisor");
        tasks[0].GetProperty("candidateGroups").EnumerateArray().Select(g => g.GetString()).Should().Contain("Supervisor");
        var stored = await StoredAsync(outOfOffice, answer);
        stored.Should().BeEquivalentTo([(outOfOffice.MessageId, InboundMailStatus.Ignored), (answer.MessageId, InboundMailStatus.SurveyAnswer)]);

        // Read the whole folder again (as after a UIDVALIDITY change or a lost state row): nothing new happens.
        await SurveyHost.WithDbAsync(app, db => db.MailboxStates.ExecuteUpdateAsync(s => s.SetProperty(m => m.LastUid, 0)));
        await Task.WhenAll(intake.PollAsync(), intake.PollAsync());
        await intake.PollAsync();

        (await StoredAsync(outOfOffice, answer)).Should().BeEquivalentTo(stored);
        (await api.TasksAsync(instanceId)).Should().ContainSingle();
        (await SurveyHost.WithDbAsync(app, db => db.Surveys.SingleAsync(s => s.BusinessKey == number))).AnsweredAt.Should().Be(survey.AnsweredAt);
    }

    Task<List<(string, InboundMailStatus)>> StoredAsync(params MimeMessage[] messages)
    {
        var ids = messages.Select(m => m.MessageId).ToList();
        return SurveyHost.WithDbAsync(app, async db => (await db.InboundMails.Where(m => ids.Contains(m.MessageId)).ToListAsync())
            .Select(m => (m.MessageId, m.Status)).ToList());
    }

    static MimeMessage Reply(MimeMessage invitation, string from, string text)
    {
        var reply = new MimeMessage
        {
            MessageId = $"{Guid.NewGuid():N}@customer.test",
            Subject = "Re: " + invitation.Subject,
            InReplyTo = invitation.MessageId,
            Body = new TextPart("plain") { Text = text },
        };
        reply.References.Add(invitation.MessageId!);
        reply.From.Add(new MailboxAddress("Wang Xiaoming", from));
        reply.To.Add(new MailboxAddress("Service desk", "desk@serviceflow.test"));
        return reply;
    }
}
